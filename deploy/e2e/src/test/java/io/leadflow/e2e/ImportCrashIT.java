package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * {@code kill -9} of intake in the middle of a spreadsheet import, then a restart: the import is not left
 * PROCESSING. The restarted process takes it up once the killed one's lease lapses, goes on after the last recorded
 * row, and every row of the register ends up imported exactly once: as many leads as rows, and a report whose totals
 * match the file.
 */
@ExtendWith(E2eStackExtension.class)
@Order(8)
class ImportCrashIT {

    static final int ROWS = Integer.getInteger("leadflow.e2e.import-rows", 1000);
    static final int KILL_AFTER = ROWS / 5;

    @Test
    void intakeKilledMidImportResumesAndImportsEveryRowOnce(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        String run = "崩溃" + stack.runId();
        StringBuilder csv = new StringBuilder("客户名称,联系人,联系方式,线索来源,需求描述,意向等级,预算范围,决策周期\n");
        java.util.Set<String> phones = new java.util.HashSet<>();
        while (phones.size() < ROWS) {
            phones.add(Api.uniquePhone()); // two rows with one phone would be one lead and a duplicate
        }
        int i = 0;
        for (String phone : phones) {
            csv.append(run).append("客户").append(i++).append("有限公司,张经理,").append(phone)
                    .append(",展会,需要CRM系统,中意向,5-8万,3个月\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        String id = api.intake().contentType("text/csv").body(file).post("/api/v1/imports/leads").then()
                .statusCode(202).extract().path("id");

        JsonPath before = awaitGet(api.intake(), "/api/v1/imports/" + id,
                r -> r.statusCode() == 200 && r.jsonPath().getInt("progress.rowsDone") >= KILL_AFTER,
                Duration.ofSeconds(60), Duration.ofMillis(50)).json();
        ServiceProcess intake = stack.service(E2eStack.Service.INTAKE);
        long pid = intake.pid();
        intake.kill9();
        E2eReport.line("import crash: killed lead-intake-service (pid " + pid + ") with SIGKILL at about "
                + before.getInt("progress.rowsDone") + " of " + ROWS + " rows");
        Duration restart;
        try {
            intake.start();
        } finally {
            restart = intake.awaitReady(Duration.ofSeconds(180));
        }

        JsonPath after = awaitGet(api.intake(), "/api/v1/imports/" + id,
                r -> r.statusCode() == 200 && !r.jsonPath().getString("status").equals("QUEUED")
                        && !r.jsonPath().getString("status").equals("PROCESSING"),
                Duration.ofSeconds(120), Duration.ofMillis(200)).json();
        double took = (System.nanoTime() - start) / 1e9;
        assertThat(after.getString("status")).as(after.prettify()).isEqualTo("DONE");
        assertThat(after.getInt("progress.resumed")).as("taken up again after the kill").isGreaterThanOrEqualTo(1);
        assertThat(after.getInt("progress.rowsInFile")).isEqualTo(ROWS);
        assertThat(after.getInt("counts.total")).isEqualTo(ROWS);
        assertThat(after.getInt("counts.qualified") + after.getInt("counts.rejected"))
                .as("every row a lead of its own, none a duplicate of a doubled row").isEqualTo(ROWS);
        assertThat(after.getInt("counts.duplicates")).isZero();
        int rows = api.intake().queryParam("size", 1).get("/api/v1/imports/" + id + "/rows").then().statusCode(200)
                .extract().path("total");
        assertThat(rows).isEqualTo(ROWS);
        int leads = api.intake().queryParam("q", run).queryParam("size", 1).get("/api/v1/leads").then()
                .statusCode(200).extract().path("total");
        assertThat(leads).as("leads of the register").isEqualTo(ROWS);
        E2eReport.line(String.format(Locale.ROOT, "import crash: intake restarted and ready in %.1f s; the import "
                        + "resumed and ended DONE with %d rows, %d leads, each row once, %.1f s after the upload",
                restart.toMillis() / 1000.0, rows, leads, took));
    }
}
