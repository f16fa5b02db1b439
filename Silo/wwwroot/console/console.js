// The console's only script of its own. Blazor is started here so that the requests of its circuit's connection carry
// the console header: a session cookie alone never carries a change (see ConsoleSignIn.CsrfHeader).
(function () {
  const header = { 'X-WA-Console': '1' };

  window.waConsole = {
    // The language cookie the page shell reads; the page is loaded again in that language.
    setLanguage(code) {
      document.cookie = `wa.lang=${encodeURIComponent(code)}; path=/console; max-age=31536000; samesite=lax`;
      const url = new URL(window.location.href);
      url.searchParams.delete('lang');
      window.location.replace(url.toString());
    },
    async signOut() {
      try {
        await fetch('/signout', { method: 'POST', headers: header, credentials: 'same-origin', redirect: 'manual' });
      } finally {
        // Leave the console either way: a sign-out that did not reach the Silo still shows the person out.
        window.location.replace('/');
      }
    },
  };

  Blazor.start({
    circuit: {
      configureSignalR: builder => builder.withUrl('/_blazor', { headers: header }),
    },
  });
})();
