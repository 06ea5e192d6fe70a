import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { logUiError } from './components/PanelBoundary';
import { UpdateOffer } from './features/updates/UpdateOffer';
import { AppProviders, makeQueryClient } from './providers';

// What no panel caught still reaches the app's log file.
window.addEventListener('error', (e) => logUiError('window', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => logUiError('a promise', e.reason));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppProviders client={makeQueryClient()}>
        <App />
        <UpdateOffer />
      </AppProviders>
    </StrictMode>,
  );
}
