window.addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search", showSubResults: false, showImages: false }));
