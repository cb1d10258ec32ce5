// The mock portal's own script: fills the editor with the example, and uses the widget's
// `nianbao-result` event to allow publishing only when the checker finds no errors.

const editor = document.getElementById('portal-editor');
const publish = document.getElementById('publish');
const note = document.getElementById('publish-note');
const log = document.getElementById('event-log');

document.getElementById('fill-example').addEventListener('click', async () => {
  const res = await fetch(new URL('./example.txt', import.meta.url));
  editor.value = await res.text();
  editor.dispatchEvent(new Event('input', { bubbles: true }));
});

// The event bubbles and is composed, so the portal can listen anywhere above the widget.
document.addEventListener('nianbao-result', (e) => {
  const report = e.detail;
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString('zh-CN')} ${e.target.id}：错误 ${errors}，警告 ${warnings}`;
  log.prepend(li);
  if (e.target.id !== 'side-checker') return;
  publish.disabled = errors > 0 || !editor.value.trim();
  note.textContent = errors > 0 ? `有 ${errors} 个错误，改正后才能发布` : '校验通过，可以发布';
  note.classList.toggle('bad', errors > 0);
});

document.getElementById('publish-form').addEventListener('submit', (e) => {
  e.preventDefault();
  note.textContent = '（演示页面，不会真的发布）';
});
