// Stylesheets are imported for their side effect; vite bundles them into files (strict CSP).
declare module '*.css';
