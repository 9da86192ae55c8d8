import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';

// `?embed=…` is the embed page (README, "Embedding"), never the app: scripts/serve.mjs
// lets other origins frame exactly these URLs. Its code is a chunk of its own.
const EmbedApp = lazy(() => import('./embed/EmbedApp'));
const embedded = new URLSearchParams(location.search).has('embed');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {embedded ? (
      <Suspense fallback={null}>
        <EmbedApp />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
