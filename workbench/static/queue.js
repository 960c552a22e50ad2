// The queue: "n" takes the next document (unless typing in a filter box).
"use strict";
document.addEventListener("keydown", (e) => {
  const typing = e.target.closest("input, select, textarea");
  if (!typing && !e.ctrlKey && !e.altKey && !e.metaKey && (e.key === "n" || e.key === "N")) {
    e.preventDefault();
    document.getElementById("next-form").requestSubmit();
  }
});
