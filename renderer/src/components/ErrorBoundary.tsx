import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  failed: boolean;
}

/** Catches a crash in one screen and shows a plain message instead of a blank window or a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  componentDidCatch(error: unknown) {
    console.error('screen crashed', error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="crash" role="alert">
            <h2>{t('crash.title')}</h2>
            <p>{t('crash.body')}</p>
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              {t('actions.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
