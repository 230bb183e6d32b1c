// Scoped pickers: every element with data-picker becomes a search-as-you-type picker whose
// choices come from the server (/pick/<kind>/?for=<purpose>&q=...), already scoped to the user.
// Without JavaScript the element stays a plain select of its value or a text input of codes.
(function () {
  "use strict";

  function render(item, escape) {
    const hint = item.hint ? ' <small class="text-muted">' + escape(item.hint) + "</small>" : "";
    return "<div>" + escape(item.text) + hint + "</div>";
  }

  function init(el) {
    if (el.tomselect || typeof TomSelect === "undefined") return;
    const url = el.dataset.picker;
    const options = {
      valueField: "value",
      labelField: "text",
      searchField: [],
      preload: "focus",
      loadThrottle: 250,
      maxOptions: 20,
      placeholder: el.dataset.placeholder || el.getAttribute("placeholder") || "",
      // The server has matched names, codes and aliases: keep its order and its choices.
      score: function () { return function () { return 1; }; },
      load: function (query, callback) {
        fetch(url + "&q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { callback(data.results); })
          .catch(function () { callback(); });
      },
      render: { option: render, item: function (item, escape) { return "<div>" + escape(item.text) + "</div>"; } },
    };
    if (el.tagName === "INPUT") {
      // A filter: one code, or whatever the user types (the filter also accepts names).
      options.maxItems = 1;
      options.create = true;
      options.persist = false;
      options.options = JSON.parse(el.dataset.pickerInitial || "[]");
    } else if (el.multiple) {
      options.plugins = ["remove_button"];
    } else if (!el.required) {
      options.plugins = ["clear_button"];
    }
    new TomSelect(el, options);
  }

  function initAll(root) {
    (root || document).querySelectorAll("[data-picker]").forEach(init);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { initAll(event.target); });
})();
