// kalypso-lint HTML report: open pages on demand, filter, move between claims, show details.
// Provenance: written for kalypso-lint by its developers. No network, no libraries; text
// from the copy and the registry only ever reaches the page through textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kl-data").textContent);
  var form = document.getElementById("filters");
  var pagesRoot = document.getElementById("pages");
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var statusLine = document.getElementById("filter-status");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.page"));
  var current = null;
  var verdicts = new Set();
  var codes = new Set();

  function checkedValues(name) {
    var values = new Set();
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      if (input.checked) values.add(input.value);
    });
    return values;
  }
  function filtering() {
    return form.querySelector("input:not(:checked)") !== null;
  }
  function verdictShown(verdict) {
    return verdict === "finding" || verdicts.has(verdict);
  }
  function keyShown(key) {
    var parts = key.split(":");
    return verdictShown(parts[0]) && codes.has(parts[1]);
  }
  function itemShown(el) {
    var itemCodes = el.dataset.codes ? el.dataset.codes.split(" ") : ["none"];
    return verdictShown(el.dataset.v) && itemCodes.some(function (c) { return codes.has(c); });
  }
  function pageShown(section) {
    var keys = section.dataset.keys ? section.dataset.keys.split(" ") : [];
    return keys.length ? keys.some(keyShown) : !filtering();
  }
  function hasItems(section) {
    return section.dataset.keys !== "" && pageShown(section);
  }
  function bodyOf(section) {
    return section.querySelector(".page-body");
  }
  function applyItems(root) {
    root.querySelectorAll(".kl-nav, .kl-row").forEach(function (el) {
      el.classList.toggle("filtered", !itemShown(el));
    });
  }
  function applyFilters() {
    verdicts = checkedValues("verdict");
    codes = checkedValues("code");
    var shown = 0;
    sections.forEach(function (section) {
      var visible = pageShown(section);
      section.hidden = !visible;
      if (visible) shown += 1;
      if (bodyOf(section).dataset.ready) applyItems(bodyOf(section));
    });
    statusLine.textContent = shown + " of " + sections.length + " pages shown.";
  }
  function openPage(section, open) {
    var body = bodyOf(section);
    if (open && !body.dataset.ready) {
      body.appendChild(section.querySelector("template").content.cloneNode(true));
      body.dataset.ready = "1";
      applyItems(body);
    }
    body.hidden = !open;
    section.querySelector(".toggle").setAttribute("aria-expanded", String(open));
  }
  function navItems(section) {
    return Array.prototype.filter.call(bodyOf(section).querySelectorAll(".kl-nav"), function (el) {
      return !el.classList.contains("filtered");
    });
  }
  function go(el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    select(el);
  }
  function move(step) {
    var visible = sections.filter(function (s) { return !s.hidden; });
    var start = current ? current.closest("section.page") : null;
    var at = visible.indexOf(start);
    if (at >= 0) {
      openPage(start, true);
      var items = navItems(start);
      var i = items.indexOf(current);
      if (i === -1) {  // the current claim was filtered out: continue from where it stands
        i = items.filter(function (el) {
          return current.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING;
        }).length - (step > 0 ? 1 : 0);
      }
      if (i + step >= 0 && i + step < items.length) return go(items[i + step]);
    } else {
      at = step > 0 ? -1 : visible.length;
    }
    for (var n = 1; n <= visible.length; n += 1) {
      var index = at + step * n;
      var wrapped = index < 0 || index >= visible.length;
      var section = visible[((index % visible.length) + visible.length) % visible.length];
      if (!hasItems(section)) continue;
      openPage(section, true);
      var found = navItems(section);
      if (!found.length) continue;
      go(step > 0 ? found[0] : found[found.length - 1]);
      statusLine.textContent = wrapped ? "Wrapped around to the " +
        (step > 0 ? "first" : "last") + " claim." : "";
      return;
    }
    statusLine.textContent = "No claim matches the filters.";
  }

  function add(parent, tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (className) el.className = className;
    parent.appendChild(el);
    return el;
  }
  function link(parent, url, text) {
    if (!/^https?:\/\//i.test(url)) return add(parent, "span", text);
    var a = add(parent, "a", text);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  function describe(list, pairs) {
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      add(list, "dt", pair[0]);
      add(list, "dd", String(pair[1]));
    });
  }
  function showEntry(entry) {
    add(panelBody, "h3", "Registry entry " + entry.id);
    add(panelBody, "p", entry.statement);
    var list = add(panelBody, "dl");
    describe(list, [
      ["status", entry.status],
      ["figure", entry.figure],
      ["tolerance", entry.figure ? "±" + +(entry.tolerance * 100).toFixed(2) + "% (relative)" : ""],
      ["kind", entry.kind],
      ["reviewed", entry.reviewed],
      ["expires", entry.expires],
      ["defined at", entry.location],
      ["match", entry.match.map(function (g) { return "[" + g.join(", ") + "]"; }).join(" and ")],
      ["notes", entry.notes],
    ]);
    add(panelBody, "h3", "Sources (" + entry.sources.length + ")");
    if (!entry.sources.length) add(panelBody, "p", "None yet: this entry cites no source.");
    var sources = add(panelBody, "ul");
    entry.sources.forEach(function (source) {
      var item = add(sources, "li");
      link(item, source.link, source.title);
      var facts = [source.publisher, source.locator, source.doi && "doi:" + source.doi,
        source.pmid && "PMID " + source.pmid, source.accessed && "accessed " + source.accessed];
      var known = facts.filter(Boolean);
      if (known.length) add(item, "span", " (" + known.join(", ") + ")");
      if (source.quote) add(item, "p", "“" + source.quote + "”", "quote");
    });
  }
  function showRule(code) {
    var rule = data.rules[code];
    if (!rule) return;
    var heading = add(panelBody, "h3", code + " " + rule.name + " ");
    link(heading, rule.url, "(docs)");
    var list = add(panelBody, "dl");
    describe(list, [["flags", rule.what], ["why", rule.why], ["instead", rule.instead]]);
  }
  function showDetails(el) {
    var section = el.closest("section.page");
    panelBody.textContent = "";
    var findings = el.dataset.f ? el.dataset.f.split(" ") : [];
    if (el.classList.contains("claim")) {
      var title = add(panelBody, "p");
      add(title, "strong", "“" + el.textContent + "”");
      add(title, "span", " ");
      add(title, "span", el.dataset.v, "badge v-" + el.dataset.v);
      add(panelBody, "p", section.dataset.path + ":" + el.dataset.at + ", read as " + el.dataset.read);
    } else if (el.classList.contains("flag")) {
      add(add(panelBody, "p"), "strong", "“" + el.textContent + "”");
      add(panelBody, "p", section.dataset.path + ":" + el.dataset.at);
    } else {
      add(panelBody, "p", section.dataset.path + ":" + el.dataset.at);
    }
    if (findings.length) {
      add(panelBody, "h3", "Findings");
      var list = add(panelBody, "ul");
      findings.forEach(function (index) {
        var row = document.getElementById(section.id + "-f" + index);
        add(list, "li", row.querySelector(".code").textContent + " (" +
          row.querySelector(".sev").textContent + "): " + row.querySelector(".msg").textContent);
      });
    } else {
      add(panelBody, "p", "No finding: the registry supports this claim.");
    }
    var entry = el.dataset.e ? data.entries[el.dataset.e] : null;
    if (entry) {
      showEntry(entry);
    } else if (el.classList.contains("claim")) {
      add(panelBody, "h3", "Registry entry");
      add(panelBody, "p", "No registry entry matches this claim. `kalypso-lint registry " +
        "scaffold` drafts one for a reviewer to source and approve.");
    }
    var seen = new Set();
    (el.dataset.codes ? el.dataset.codes.split(" ") : []).forEach(function (code) {
      if (!seen.has(code)) showRule(code);
      seen.add(code);
    });
  }
  function select(el) {
    if (current === el) return;
    if (current) current.classList.remove("current");
    current = el;
    el.classList.add("current");
    showDetails(el);
  }

  form.addEventListener("change", applyFilters);
  document.getElementById("open-all").addEventListener("click", function () {
    sections.forEach(function (s) { if (!s.hidden) openPage(s, true); });
  });
  document.getElementById("close-all").addEventListener("click", function () {
    sections.forEach(function (s) { openPage(s, false); });
  });
  pagesRoot.addEventListener("click", function (event) {
    var toggle = event.target.closest(".toggle");
    if (toggle) {
      var section = toggle.closest("section.page");
      openPage(section, bodyOf(section).hidden);
      return;
    }
    var at = event.target.closest("a.at");
    if (at) {
      event.preventDefault();
      go(document.getElementById(at.getAttribute("href").slice(1)));
      return;
    }
    var item = event.target.closest(".kl-nav");
    if (item && !item.classList.contains("filtered")) {
      select(item);
      panel.focus();
    }
  });
  document.addEventListener("focusin", function (event) {
    var item = event.target.closest && event.target.closest(".kl-nav");
    if (item && !item.classList.contains("filtered")) select(item);
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || target.tagName === "TEXTAREA" ||
        (target.tagName === "INPUT" && target.type !== "checkbox")) return;
    if (event.key === "n" || event.key === "j") {
      event.preventDefault();
      move(1);
    } else if (event.key === "p" || event.key === "k") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Escape" && current) {
      event.preventDefault();
      current.focus();
    } else if (event.key === "Enter" && target.classList.contains("finding") && current === target) {
      panel.focus();
    }
  });
  applyFilters();
})();
