import { useCallback, useEffect, useState } from 'react';

export interface Microphone {
  deviceId: string;
  /** Empty until the user has allowed microphone access once (browsers hide labels before). */
  label: string;
}

/** Mounted pickers to tell of a device plugged in or out. */
const onDeviceChange = new Set<() => void>();
let listening = false;

/**
 * One 'devicechange' listener for the page's life, added at first use: removing the last one makes
 * Chromium stop watching devices, a few ms of the main thread each time Record was left.
 */
function watchDevices(devices: MediaDevices, listener: () => void): () => void {
  onDeviceChange.add(listener);
  if (!listening) {
    listening = true;
    devices.addEventListener('devicechange', () => onDeviceChange.forEach((notify) => notify()));
  }
  return () => onDeviceChange.delete(listener);
}

/** The audio inputs the OS offers, kept current as devices are plugged in or out. */
export function useMicrophones(): { microphones: Microphone[]; refresh(): Promise<void> } {
  const [microphones, setMicrophones] = useState<Microphone[]>([]);

  const refresh = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const devices = await navigator.mediaDevices.enumerateDevices();
    // "default"/"communications" are aliases of a real device; the picker has its own "System default".
    const inputs = devices.filter((device) => device.kind === 'audioinput' && device.deviceId && !['default', 'communications'].includes(device.deviceId));
    setMicrophones(inputs.map((device) => ({ deviceId: device.deviceId, label: device.label })));
  }, []);

  useEffect(() => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    // Deferred so the state update does not happen synchronously inside the effect.
    const initial = setTimeout(() => void refresh(), 0);
    const stopWatching = watchDevices(devices, () => void refresh());
    return () => {
      clearTimeout(initial);
      stopWatching();
    };
  }, [refresh]);

  return { microphones, refresh };
}
