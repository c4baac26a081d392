/**
 * The app's SDK URL (/app): Miro loads it on the board without showing it. Clicking the app's icon in
 * the toolbar opens the panel.
 */
miro.board.ui.on('icon:click', () => {
  void miro.board.ui.openPanel({ url: new URL('/app/panel', location.href).href });
});
