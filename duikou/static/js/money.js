// Money inputs (core/forms.py MoneyField: input[data-money="yuan"|"wan"]) show the amount
// beside the field as it is typed, in the other unit: 1000000 → "= 100.00 万元", 100万 → the
// same; text that is not an amount says so. The server reads the same forms (100万, 1,000,000).
(function () {
  "use strict";
  function parse(text, unit) {
    var t = String(text).replace(/[\s,，]/g, "");
    var factor = unit === "wan" ? 10000 : 1;
    if (/万元$/.test(t)) { t = t.slice(0, -2); factor = 10000; }
    else if (/万$/.test(t)) { t = t.slice(0, -1); factor = 10000; }
    else if (/元$/.test(t)) { t = t.slice(0, -1); factor = 1; }
    if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
    return parseFloat(t) * factor;
  }
  function fmt(n, places) {
    return n.toLocaleString("zh-CN", { minimumFractionDigits: places, maximumFractionDigits: places });
  }
  function attach(input) {
    if (input.dataset.moneyReady) return;
    input.dataset.moneyReady = "1";
    var hint = document.createElement("small");
    hint.className = "dk-money-hint text-muted ms-1";
    hint.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", hint);
    function update() {
      var text = input.value.trim();
      if (!text) { hint.textContent = ""; return; }
      var yuan = parse(text, input.dataset.money);
      if (yuan === null) { hint.textContent = input.dataset.moneyInvalid || "不是金额"; return; }
      hint.textContent = input.dataset.money === "wan"
        ? "= " + fmt(yuan, 2) + " 元"
        : "= " + fmt(yuan / 10000, 2) + " 万元";
    }
    input.addEventListener("input", update);
    update();
  }
  function scan(root) { (root || document).querySelectorAll("input[data-money]").forEach(attach); }
  document.addEventListener("DOMContentLoaded", function () { scan(); });
  document.addEventListener("htmx:afterSwap", function (e) { scan(e.target); });
})();
