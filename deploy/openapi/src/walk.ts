// The template's workflow as a frontend team writes it against the generated types, with no casts: a rep joins
// the roster, a lead is captured (Table 1), graded and assigned, followed up (Table 2), won, and counted in
// Table 3. Every call goes through the one origin; every answer is checked against the schema its operation
// declares for that status and media type, so a document that says less or other than the service does fails here.
//
//   node target/js/walk.js http://localhost:8000
//
// Tokens: LEADFLOW_WALK_TOKEN_MANAGER (sales-manager), _MARKETING, _ANALYST, _ADMIN.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import createClient, { type Middleware } from "openapi-fetch";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

import type { paths as IntakePaths } from "./generated/intake.js";
import type { paths as RoutingPaths } from "./generated/routing.js";
import type { paths as FollowupPaths } from "./generated/followup.js";
import type { paths as AnalyticsPaths } from "./generated/analytics.js";

const origin = process.argv[2];
if (!origin) {
  throw new Error("usage: node target/js/walk.js ORIGIN (e.g. http://localhost:8000)");
}

function token(role: string): string {
  const value = process.env[`LEADFLOW_WALK_TOKEN_${role}`];
  if (!value) {
    throw new Error(`LEADFLOW_WALK_TOKEN_${role} is not set`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Every answer against its declared schema
// ---------------------------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
// ajv-formats is CommonJS whose default export TypeScript cannot call from an ES module: required instead.
const addFormats: typeof import("ajv-formats").default = createRequire(import.meta.url)("ajv-formats");
addFormats(ajv);

const mismatches: string[] = [];
let checked = 0;

function pointer(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

function validator(service: string): Middleware {
  const document: object = JSON.parse(readFileSync(new URL(`../docs/${service}.json`, import.meta.url), "utf8"));
  ajv.addSchema(document, service);
  const compiled = new Map<string, ValidateFunction | null>();
  return {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const status = String(response.status);
      const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
      const where = `${service} ${request.method} ${schemaPath} -> ${status} ${mediaType}`;
      const key = `${schemaPath} ${method} ${status} ${mediaType}`;
      if (!compiled.has(key)) {
        const ref = `${service}#/${pointer("paths", schemaPath, method, "responses", status, "content", mediaType,
          "schema")}`;
        let validate: ValidateFunction | null = null;
        try {
          validate = ajv.compile({ $ref: ref });
        } catch {
          validate = null;
        }
        compiled.set(key, validate);
      }
      const validate = compiled.get(key) ?? null;
      if (response.status === 204 || response.status === 303) {
        return undefined;
      }
      if (!validate) {
        mismatches.push(`${where}: the document declares no schema for this answer`);
        return undefined;
      }
      if (!mediaType.endsWith("json")) {
        return undefined;
      }
      const body: Json = await response.clone().json();
      checked++;
      if (!validate(body)) {
        for (const e of validate.errors ?? []) {
          mismatches.push(`${where}: ${e.instancePath || "(body)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
        }
      }
      return undefined;
    },
  };
}

function client<Paths extends {}>(service: string, role: string) {
  const c = createClient<Paths>({ baseUrl: origin, headers: { Authorization: `Bearer ${token(role)}` } });
  c.use(validator(service));
  return c;
}

// One client per service and role; the paths are the one origin's, so each service's client reaches only its own.
const intake = client<IntakePaths>("intake", "MARKETING");
const routing = client<RoutingPaths>("routing", "MANAGER");
const followup = client<FollowupPaths>("followup", "MANAGER");
const analytics = client<AnalyticsPaths>("analytics", "ANALYST");

async function until<T>(what: string, attempt: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${seconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The workflow
// ---------------------------------------------------------------------------------------------------------------

const run = Date.now().toString(36);
// Dates are left to the services where they may: "today" is the business zone's day, not this machine's.

// 1. The roster: a senior rep joins it.
const repId = `rep-walk-${run}`;
const rep = await routing.POST("/api/v1/reps", {
  body: { id: repId, name: `走查销售-${run}`, seniority: "SENIOR", capacity: 20, industries: ["SOFTWARE"] },
});
expect(rep.response.status === 201, `create rep: ${rep.response.status} ${JSON.stringify(rep.error)}`);
const repLocation = rep.response.headers.get("location");
expect(repLocation !== null && new URL(repLocation, origin).pathname === `/api/v1/reps/${repId}`,
  `create rep: Location names the rep (${repLocation})`);

// 2. Step 1, collect and screen: Table 1's first row, captured by marketing.
const phone = `139${String(Date.now()).slice(-8)}`;
const captured = await intake.POST("/api/v1/leads", {
  body: {
    customerName: `星辰科技有限公司-${run}`, contactName: "张经理", phone, source: "展会",
    sourceDetail: "2024 上海数字化展会", needDescription: "需要CRM系统", industry: "软件", region: "上海",
    companySize: "100-199人", budget: "10-15万", decisionCycle: "1个月", declaredIntent: "高意向",
  },
});
expect(captured.response.status === 201, `capture: ${captured.response.status} ${JSON.stringify(captured.error)}`);
const leadId = captured.data?.leadId;
expect(typeof leadId === "string", "capture: the answer names the lead");
const read = await intake.GET("/api/v1/leads/{id}", { params: { path: { id: leadId } } });
expect(read.response.status === 200 && read.data?.id === leadId, `read the lead: ${read.response.status}`);
const etag = read.response.headers.get("etag");
expect(etag !== null, "read the lead: an ETag to correct it with");

// A correction based on what was read; the same tag again is stale.
const corrected = await intake.PATCH("/api/v1/leads/{id}", {
  params: { path: { id: leadId }, header: { "If-Match": etag } },
  body: { region: "上海市" },
});
expect(corrected.response.status === 200, `correct: ${corrected.response.status} ${JSON.stringify(corrected.error)}`);
const stale = await intake.PATCH("/api/v1/leads/{id}", {
  params: { path: { id: leadId }, header: { "If-Match": etag } },
  body: { region: "上海" },
});
expect(stale.response.status === 412, `a stale If-Match: ${stale.response.status}`);

// 3. Step 2, grade and assign: within seconds, by the rules.
const grade = await until("graded", async () => {
  const g = await routing.GET("/api/v1/grades/{leadId}", { params: { path: { leadId } } });
  return g.response.status === 200 ? g.data : undefined;
});
expect(grade.grade === "HIGH", `grade: ${grade.grade ?? "none"}, expected HIGH for a declared high intent`);
const owner = await until("assigned", async () => {
  const a = await routing.GET("/api/v1/assignments/{leadId}", { params: { path: { leadId } } });
  return a.data?.owner?.ownerId ?? undefined;
});
// Whoever the rules chose: a real suite has its own roster and rules; the owner is one rep, named.
expect(owner.length > 0, "assigned: the owner is named");

// 4. Step 3, follow up: the owner's first-response task, then Table 2's row, the stage, and the deal won.
const pipeline = await until("in the pipeline", async () => {
  const p = await followup.GET("/api/v1/pipeline/{leadId}", { params: { path: { leadId } } });
  return p.response.status === 200 && p.data?.ownerId === owner ? p.data : undefined;
});
expect(pipeline.stage === "NEW", `stage: ${pipeline.stage ?? "none"}`);
const logged = await followup.POST("/api/v1/pipeline/{leadId}/followups", {
  params: { path: { leadId } },
  body: {
    method: "电话", content: "介绍CRM系统核心功能,知晓预算范围", feedback: "预算12万,需看详细方案",
    nextAction: "下周一前发送定制方案", status: "已完成",
  },
});
expect(logged.response.status === 201, `log a follow-up: ${logged.response.status} ${JSON.stringify(logged.error)}`);
const location = logged.response.headers.get("location");
expect(location !== null && logged.data?.id !== undefined && location.endsWith(`/followups/${logged.data.id}`),
  "log a follow-up: Location names it");
const staged = await followup.POST("/api/v1/pipeline/{leadId}/stage", {
  params: { path: { leadId } }, body: { stage: "需求确认" },
});
expect(staged.response.status === 200, `stage: ${staged.response.status} ${JSON.stringify(staged.error)}`);
const won = await followup.POST("/api/v1/pipeline/{leadId}/outcome", {
  params: { path: { leadId } },
  body: { outcome: "WON", amount: { amount: 120000, currency: "CNY" }, winFactors: ["现场互动强", "需求明确"] },
});
expect(won.response.status === 200, `won: ${won.response.status} ${JSON.stringify(won.error)}`);

// 5. Step 4, analyse: analytics has the lead as won, and Table 3 has its source's row.
const facts = await until("won in analytics", async () => {
  const f = await analytics.GET("/api/v1/analytics/leads/{leadId}", { params: { path: { leadId } } });
  return f.data?.facts?.outcome === "WON" ? f.data.facts : undefined;
});
expect(facts.source === "TRADE_SHOW" && facts.grade === "HIGH", `facts: ${facts.source} ${facts.grade}`);
const table = await analytics.GET("/api/v1/analytics/sources", { params: { query: { source: "TRADE_SHOW" } } });
// JSON unless CSV is asked for: the declared answer is either, and only the JSON one has rows.
expect(table.data !== undefined && typeof table.data !== "string", `Table 3: ${table.response.status}`);
const row = table.data.rows?.find((r) => r.source === "TRADE_SHOW");
expect(row !== undefined && (row.won ?? 0) >= 1, "Table 3: the trade-show row counts a won lead");

// 6. The screens a staff app shows around the workflow, read the way it reads them: every answer is checked against
// its schema like the ones above (codes against their enums, what is always there against `required`).
const month = (read.data?.registeredAt ?? new Date().toISOString()).slice(0, 7);
const screens: Array<[string, Promise<{ response: Response }>]> = [
  ["the roster", routing.GET("/api/v1/reps")],
  ["the owner's load", routing.GET("/api/v1/reps/{repId}/load", { params: { path: { repId: owner } } })],
  ["assignments", routing.GET("/api/v1/assignments")],
  ["unassigned leads", routing.GET("/api/v1/assignments/unassigned")],
  ["the lead list", intake.GET("/api/v1/leads")],
  ["the lead's touches", intake.GET("/api/v1/leads/{id}/touches", { params: { path: { id: leadId } } })],
  ["the lead's changes", intake.GET("/api/v1/leads/{id}/changes", { params: { path: { id: leadId } } })],
  ["tasks", followup.GET("/api/v1/tasks")],
  ["the follow-up log", followup.GET("/api/v1/pipeline/{leadId}/followups", { params: { path: { leadId } } })],
  ["the lead's history", followup.GET("/api/v1/pipeline/{leadId}/history", { params: { path: { leadId } } })],
  ["the lead's SLA", followup.GET("/api/v1/pipeline/{leadId}/sla", { params: { path: { leadId } } })],
  ["SLA breaches", followup.GET("/api/v1/sla/breaches")],
  ["lead facts", analytics.GET("/api/v1/analytics/leads")],
  ["the funnel", analytics.GET("/api/v1/analytics/funnel")],
  ["insights", analytics.GET("/api/v1/analytics/insights")],
  ["the monthly review", analytics.GET("/api/v1/analytics/reviews/{month}", { params: { path: { month } } })],
];
for (const [screen, answer] of screens) {
  const { response } = await answer;
  expect(response.status === 200, `${screen}: ${response.status}`);
}

console.log(`walk: ${leadId} captured, graded ${grade.grade}, assigned to ${owner}, followed up, won; ` +
  `Table 3 trade shows: ${row.leads ?? 0} leads, ${row.won ?? 0} won; ${checked} answers checked`);
if (mismatches.length > 0) {
  console.error(`${mismatches.length} answer(s) differ from what the documents declare:`);
  for (const m of [...new Set(mismatches)]) {
    console.error(`  ${m}`);
  }
  process.exit(1);
}
