// Sends the antiforgery token with every htmx request.
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRF-TOKEN"] = meta.getAttribute("content");
  }
});

// A table wider than the screen scrolls inside its frame; keyboard users can then focus the frame to scroll it.
function focusableScrollFrames() {
  document.querySelectorAll(".table-wrap").forEach((frame) => {
    if (frame.scrollWidth > frame.clientWidth) {
      frame.tabIndex = 0;
    } else {
      frame.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollFrames);
window.addEventListener("resize", focusableScrollFrames);
document.addEventListener("htmx:afterSettle", focusableScrollFrames);
