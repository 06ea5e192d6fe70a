// Runs before the app's code (a file, as the content security policy allows no inline script): the
// page takes the theme the person chose at once, so a dark window never flashes white at start.
(function () {
  var chosen = null;
  try {
    chosen = window.localStorage.getItem('mantine-color-scheme-value');
  } catch (e) {
    // no storage: follow the system
  }
  var dark = chosen === 'dark' || (chosen !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  var root = document.documentElement;
  root.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light');
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.style.background = dark ? '#242424' : '#ffffff';
})();
