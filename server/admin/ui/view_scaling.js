// "Quotas and scaling": Service Quotas increase requests (GET /_chokepoint/quotas) and Application Auto Scaling's
// targets and activities (GET /_chokepoint/autoscaling), across accounts and regions. Control endpoints, not the
// AWS APIs, so that watching costs no bucket token and adds nothing to the retry report.
"use strict";

(function () {
  const { el, setChildren, fmt, getJson } = Chokepoint;

  function emptyRow(columns, text) {
    return el("tr", {}, [el("td", { class: "empty", colspan: columns, text: text })]);
  }

  function requestRow(r) {
    return el("tr", { data: { id: r.id, status: r.status } }, [
      el("td", { text: r.account }),
      el("td", { text: r.region }),
      el("td", { text: r.service_code }),
      el("td", { text: r.quota_code }),
      el("td", { text: r.quota_name }),
      el("td", { class: "num", text: fmt(r.desired_value) }),
      el("td", { class: "status", text: r.status }),
      el("td", { text: r.created }),
      el("td", { text: r.last_updated }),
    ]);
  }

  function targetRow(t) {
    const policy = t.policy ? t.policy.name + " (target " + fmt(t.policy.target_value) + " %)" : "none";
    return el("tr", { data: { resource: t.resource_id } }, [
      el("td", { text: t.account }),
      el("td", { text: t.region }),
      el("td", { text: t.resource_id }),
      el("td", { text: t.dimension }),
      el("td", { class: "num", text: t.min_capacity }),
      el("td", { class: "num", text: t.max_capacity }),
      el("td", { text: policy }),
    ]);
  }

  function activityRow(a) {
    return el("tr", { data: { id: a.id, status: a.status } }, [
      el("td", { text: a.start }),
      el("td", { text: a.account }),
      el("td", { text: a.resource_id }),
      el("td", { class: "description", text: a.description }),
      el("td", { class: "status", text: a.status }),
      el("td", { class: "cause", text: a.cause }),
    ]);
  }

  function fillTable(selector, rows, columns, emptyText) {
    setChildren(document.querySelector(selector + " tbody"), rows.length ? rows : [emptyRow(columns, emptyText)]);
  }

  Chokepoint.views.scaling = {
    async refresh(active) {
      if (!active) return;
      const [quotas, scaling] = await Promise.all([getJson("/_chokepoint/quotas"), getJson("/_chokepoint/autoscaling")]);
      fillTable("#quota-requests-table", quotas.requests.map(requestRow), 9, "no quota increase requested");
      fillTable("#scaling-targets-table", scaling.targets.map(targetRow), 7, "no scalable target");
      fillTable("#scaling-activities-table", scaling.activities.map(activityRow), 6, "no scaling activity");
    },
  };
})();
