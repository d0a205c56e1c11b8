import './styles/base.css';
import './styles/shell.css';
import './styles/orders.css';
import './styles/detail.css';
import './styles/batches.css';
import './styles/pack.css';
import './styles/printers.css';
import './styles/first-start.css';
import './styles/outbox.css';
import './styles/channels.css';
import './styles/exceptions.css';
import './styles/dashboard.css';
import './styles/settings.css';
import './styles/inbound.css';
import './i18n';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureAccessToken } from './api/access-token';
import { prefetchQueue } from './api/queries';
import { queryClient } from './api/query-client';
import { App } from './App';

// Before anything calls the server: take the token out of the address bar.
captureAccessToken();
prefetchQueue();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
