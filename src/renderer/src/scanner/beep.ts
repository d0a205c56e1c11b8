/**
 * The station's sounds, made with WebAudio (no audio file to ship or load): a short high blip
 * for a right item, a low buzz a packer hears across the room for a wrong one.
 */
let context: AudioContext | null = null;

export type Sound = 'right' | 'wrong' | 'done';

const TONES: Record<Sound, { frequency: number; seconds: number; wave: OscillatorType }[]> = {
  right: [{ frequency: 1320, seconds: 0.07, wave: 'sine' }],
  wrong: [
    { frequency: 180, seconds: 0.18, wave: 'square' },
    { frequency: 140, seconds: 0.25, wave: 'square' },
  ],
  done: [
    { frequency: 1047, seconds: 0.09, wave: 'sine' },
    { frequency: 1568, seconds: 0.14, wave: 'sine' },
  ],
};

export function beep(sound: Sound): void {
  try {
    context ??= new AudioContext();
    void context.resume();
    let at = context.currentTime;
    for (const tone of TONES[sound]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = tone.frequency;
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + tone.seconds);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + tone.seconds);
      at += tone.seconds;
    }
  } catch {
    // No sound device: the colour and the words still say it.
  }
}
