import { Component, type ReactNode } from 'react';
import { translate, getLocale } from '../i18n';

interface State {
  failed: boolean;
}

/** A crash in one screen shows a translated message with a reload button, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const locale = getLocale();
    return (
      <main className="page page--narrow" role="alert">
        <p>{translate(locale, 'error.generic')}</p>
        <button className="button button--primary" onClick={() => window.location.reload()}>
          {translate(locale, 'error.reload')}
        </button>
      </main>
    );
  }
}
