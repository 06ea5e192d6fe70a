import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { UpdateOffer } from './features/updates/UpdateOffer';
import { AppProviders, makeQueryClient } from './providers';

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
