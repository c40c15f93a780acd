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

// A navigation row wider than the screen scrolls sideways: the edge with more links fades out, and the
// current entry is scrolled into view so the reader sees where they are and that there is more.
function markNavigationOverflow(row) {
  const hidden = row.scrollWidth - row.clientWidth;
  row.classList.toggle("more-before", hidden > 1 && row.scrollLeft > 1);
  row.classList.toggle("more-after", hidden > 1 && row.scrollLeft < hidden - 1);
}
function navigationRows() {
  return document.querySelectorAll(".topbar nav, .subnav ul");
}
document.addEventListener("DOMContentLoaded", () => {
  navigationRows().forEach((row) => {
    const current = row.querySelector('a[aria-current="page"]');
    if (current && row.scrollWidth > row.clientWidth) {
      const link = current.getBoundingClientRect();
      const frame = row.getBoundingClientRect();
      row.scrollLeft += link.left + link.width / 2 - (frame.left + frame.width / 2);
    }
    markNavigationOverflow(row);
    row.addEventListener("scroll", () => markNavigationOverflow(row), { passive: true });
  });
});
window.addEventListener("resize", () => navigationRows().forEach(markNavigationOverflow));

// On a phone the release timeline starts folded (the task table lists the same tasks); once the reader opens
// or folds it, that choice holds when the plan is redrawn after a task change.
let timelineOpen = !window.matchMedia("(max-width: 640px)").matches;
function applyTimelineFold() {
  document.querySelectorAll("details.timeline-fold").forEach((fold) => {
    fold.open = timelineOpen;
  });
}
document.addEventListener("DOMContentLoaded", applyTimelineFold);
document.addEventListener("htmx:afterSettle", applyTimelineFold);
document.addEventListener(
  "toggle",
  (event) => {
    if (event.target instanceof HTMLDetailsElement && event.target.classList.contains("timeline-fold")) {
      timelineOpen = event.target.open;
    }
  },
  true,
);
