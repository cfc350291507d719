/* Repayment calculator: an optional extra on programme pages.
 *
 * The page already shows a monthly-interest table built from the same data,
 * so nothing is lost without JavaScript. The arithmetic mirrors
 * src/creditsite/views/loans.py exactly (whole đồng, integers, half up);
 * tests/test_calculator.py runs both and compares.
 *
 * Everything else comes from the page (render/pages.py calculator_attrs):
 * the words in data-labels (the calc_* texts of render/strings.yml), the
 * starting values and limits (views/programs.py), data-locale and
 * data-currency for the numbers. This file holds no text and no default.
 */
(function () {
  "use strict";

  function rateHundredths(rate) { return Math.round(rate * 100); }

  /* One month's interest on a balance: balance × rate ÷ 12, in whole đồng. */
  function monthlyInterest(balance, rate) {
    return Math.floor((balance * rateHundredths(rate) + 60000) / 120000);
  }

  /* Monthly interest; principal repaid in equal parts every `every` months. */
  function schedule(amount, rate, term, every) {
    var parts = Math.ceil(term / every);
    var part = Math.floor(amount / parts);
    var balance = amount;
    var rows = [];
    for (var month = 1; month <= term; month++) {
      var interest = monthlyInterest(balance, rate);
      var due = month % every === 0 || month === term;
      var principal = due ? (month === term ? balance : Math.min(part, balance)) : 0;
      balance -= principal;
      rows.push({ month: month, interest: interest, principal: principal, balance: balance });
    }
    return rows;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { monthlyInterest: monthlyInterest, schedule: schedule };
    return;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function field(id, label, input) {
    var wrap = el("p", { "class": "cs-calc__field" });
    wrap.appendChild(el("label", { "for": id }, label));
    input.id = id;
    wrap.appendChild(input);
    return wrap;
  }

  function mount(box, index) {
    var d = box.dataset, s = JSON.parse(d.labels), unit = " " + d.currency;
    var money = new Intl.NumberFormat(d.locale);
    var id = "cs-calc-" + index;
    var form = el("form", { "class": "cs-calc__form", "aria-labelledby": id + "-title" });
    form.appendChild(el("h3", { id: id + "-title" }, s.title));
    var amount = el("input", { type: "number", inputmode: "numeric", min: "1000", step: "1000", value: d.amount });
    if (d.max) amount.max = d.max;
    var term = el("input", { type: "number", inputmode: "numeric", min: "1", step: "1", value: d.term });
    if (d.maxTerm) term.max = d.maxTerm;
    var every = el("select");
    [["1", s.every_1], ["3", s.every_3], ["6", s.every_6], ["12", s.every_12], ["end", s.every_end]].forEach(function (o) {
      every.appendChild(el("option", { value: o[0] }, o[1]));
    });
    form.appendChild(field(id + "-amount", s.amount, amount));
    form.appendChild(field(id + "-term", s.term, term));
    form.appendChild(field(id + "-every", s.every, every));
    form.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary" }, s.go));
    var out = el("div", { "class": "cs-calc__out", "aria-live": "polite" });
    form.appendChild(out);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = parseInt(amount.value, 10), n = parseInt(term.value, 10);
      out.textContent = "";
      if (!(a > 0) || !(n > 0)) { out.appendChild(el("p", {}, s.bad)); return; }
      var k = every.value === "end" ? n : parseInt(every.value, 10);
      var rows = schedule(a, parseFloat(d.rate), n, k);
      var total = rows.reduce(function (sum, r) { return sum + r.interest; }, 0);
      out.appendChild(el("p", { "class": "cs-calc__total" }, s.total + ": " + money.format(total) + unit));
      var table = el("table");
      var head = el("tr");
      [s.month, s.interest, s.principal, s.balance].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("td", {}, String(r.month)));
        [r.interest, r.principal, r.balance].forEach(function (v) { tr.appendChild(el("td", {}, money.format(v))); });
        body.appendChild(tr);
      });
      var scroll = el("div", { "class": "md-typeset__scrollwrap" });
      scroll.appendChild(el("div", { "class": "md-typeset__table" })).appendChild(table);
      out.appendChild(scroll);
      out.appendChild(el("p", { "class": "cs-calc__note" }, s.note));
    });
    box.appendChild(form);
    box.hidden = false;
  }

  document.querySelectorAll(".cs-calc[data-rate][data-labels]").forEach(mount);
})();
