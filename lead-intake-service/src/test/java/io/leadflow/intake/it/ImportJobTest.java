package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.intake.domain.ImportColumns;
import io.leadflow.intake.repository.ImportStore;
import io.leadflow.intake.service.ImportService;
import io.leadflow.intake.service.SheetReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;

/**
 * Imports as durable jobs: an import whose worker stopped mid-way is resumed by the next poll after its lease lapses
 * and ends with every row exactly once; a row the database refuses in passing is tried again; a row it keeps refusing
 * ends the import FAILED, and the same file uploaded again goes on from there.
 */
@QuarkusTest
class ImportJobTest {

    private static final String HEADER = "客户名称,联系人,联系方式,线索来源,需求描述";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    DataSource dataSource;
    @Inject
    ImportService imports;

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    /** Rows of distinct companies and phones; {@code marked} (0-based) carries {@code marker} in its company. */
    private static String sheet(String token, int rows, int marked, String marker) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append("导入").append(token).append("科技").append(i).append(i == marked ? marker : "")
                    .append("有限公司,张经理,").append(Leads.phone()).append(",展会,需要CRM系统\n");
        }
        return csv.toString();
    }

    private static JsonPath report(String id) {
        return given().when().get("/api/v1/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath ended(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> List.of("DONE", "FAILED").contains(report(id).getString("status")));
        return report(id);
    }

    private static int leadsNamed(String token) {
        return given().queryParam("q", "导入" + token).queryParam("size", 1).when().get("/api/v1/leads").then()
                .statusCode(200).extract().path("total");
    }

    private static JsonPath upload(byte[] csv, int status) {
        return given().config(RAW).contentType("text/csv").body(csv).when().post("/api/v1/imports/leads").then()
                .statusCode(status).extract().jsonPath();
    }

    @Test
    void anImportWhoseWorkerStoppedMidwayIsResumedAndEveryRowIsImportedExactlyOnce() throws Exception {
        String token = Leads.token();
        byte[] csv = sheet(token, 30, -1, "").getBytes(StandardCharsets.UTF_8);
        String id = "IMP-" + UUID.randomUUID();
        // What an instance that crashed after 12 rows leaves behind: the import PROCESSING under its claim, its file
        // stored, 12 rows captured and recorded.
        sql("""
                insert into lead_import (id, file_name, format, charset, sha256, status, created_at, created_by, columns,
                rows_in_file, attempts, claimed_by, lease_until, started_at)
                values (?, 'crashed.csv', 'CSV', 'UTF-8', ?, 'PROCESSING', now(), 'test-admin', ?, 30, 1,
                'crashed-instance', now() + interval '1 hour', now())""", id, UUID.randomUUID().toString(),
                "[\"" + String.join("\",\"", HEADER.split(",")) + "\"]");
        try (Connection c = dataSource.getConnection(); PreparedStatement chunk = c.prepareStatement(
                "insert into lead_import_file (import_id, chunk, bytes) values (?, 0, ?)")) {
            chunk.setString(1, id);
            chunk.setBytes(2, csv);
            chunk.executeUpdate();
        }
        ImportStore.Claim crashed = new ImportStore.Claim(id, "crashed-instance", "UTF-8", 1);
        Path file = Files.createTempFile("import-job-test", ".csv");
        try {
            Files.write(file, csv);
            try (SheetReader reader = SheetReader.open(file, "UTF-8")) {
                ImportColumns.Mapping mapping = ImportColumns.map(reader.header());
                for (int i = 0; i < 12; i++) {
                    imports.importRows(crashed, List.of(reader.next()), mapping);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }

        // While the claim's lease holds, no other worker touches the import.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> {
            JsonPath r = report(id);
            return "PROCESSING".equals(r.getString("status")) && r.getInt("progress.attempts") == 1
                    && r.getInt("progress.rowsDone") == 12;
        });
        assertThat(leadsNamed(token)).isEqualTo(12);

        // The lease lapses: the next poll resumes after row 13 (the header is row 1).
        sql("update lead_import set lease_until = now() - interval '1 second' where id = ?", id);
        JsonPath done = ended(id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getInt("counts.total")).isEqualTo(30);
        assertThat(done.getInt("counts.qualified")).isEqualTo(30);
        assertThat(done.getInt("progress.rowsDone")).isEqualTo(30);
        assertThat(done.getInt("progress.rowsInFile")).isEqualTo(30);
        assertThat(done.getInt("progress.attempts")).isEqualTo(2);
        assertThat(done.getInt("progress.resumed")).isEqualTo(1);
        List<Integer> rows = given().queryParam("size", 100).when().get("/api/v1/imports/" + id + "/rows").then()
                .statusCode(200).body("total", equalTo(30)).extract().jsonPath().getList("items.row", Integer.class);
        List<Integer> expected = new ArrayList<>();
        for (int row = 2; row <= 31; row++) {
            expected.add(row);
        }
        assertThat(rows).as("every row once, in order").containsExactlyElementsOf(expected);
        assertThat(leadsNamed(token)).as("one lead per row").isEqualTo(30);
        assertThat(count("select count(*) from lead_import_file where import_id = ?", id))
                .as("the file is deleted once the import ends").isZero();
    }

    @Test
    void aRowTheDatabaseRefusesInPassingIsTriedAgainAndStored() throws Exception {
        String token = Leads.token();
        String fault = "fault_once_" + token.replace('-', '_');
        String marker = "瞬断" + token;
        // A serialization failure on the lead's insert, once: raised at the capture's commit (Hibernate flushes then),
        // the way a real one surfaces. The sequence counts the tries; it is not rolled back with them.
        sql("create sequence " + fault);
        sql("create function " + fault + "() returns trigger language plpgsql as $$ begin "
                + "if new.customer_name like '%" + marker + "%' and nextval('" + fault + "') = 1 then "
                + "raise exception 'injected serialization failure' using errcode = '40001'; end if; "
                + "return new; end $$");
        sql("create trigger " + fault + " before insert on lead for each row execute function " + fault + "()");
        try {
            String id = upload(sheet(token, 3, 1, marker).getBytes(StandardCharsets.UTF_8), 202).getString("id");
            JsonPath done = ended(id);
            assertThat(done.getString("status")).as(done.prettify()).isEqualTo("DONE");
            assertThat(done.getInt("counts.total")).isEqualTo(3);
            assertThat(done.getInt("counts.qualified")).isEqualTo(3);
            assertThat(done.getList("problemRows")).isEmpty();
            assertThat(leadsNamed(token)).isEqualTo(3);
            assertThat(count("select last_value from " + fault)).as("the refused row was tried a second time")
                    .isEqualTo(2);
        } finally {
            sql("drop trigger " + fault + " on lead");
            sql("drop function " + fault + "()");
            sql("drop sequence " + fault);
        }
    }

    @Test
    void aRowTheDatabaseKeepsRefusingFailsTheImportAndTheSameFileAgainGoesOnFromThere() throws Exception {
        String token = Leads.token();
        String fault = "fault_always_" + token.replace('-', '_');
        String marker = "死锁" + token;
        byte[] csv = sheet(token, 3, 1, marker).getBytes(StandardCharsets.UTF_8);
        sql("create function " + fault + "() returns trigger language plpgsql as $$ begin "
                + "if new.customer_name like '%" + marker + "%' then "
                + "raise exception 'injected deadlock' using errcode = '40P01'; end if; return new; end $$");
        sql("create trigger " + fault + " before insert on lead for each row execute function " + fault + "()");
        String first;
        try {
            first = upload(csv, 202).getString("id");
            JsonPath failed = ended(first);
            assertThat(failed.getString("status")).as(failed.prettify()).isEqualTo("FAILED");
            assertThat(failed.getString("error")).startsWith("Row 3 could not be stored")
                    .contains("deadlock, SQLState 40P01").contains("upload the same file again");
            assertThat(failed.getInt("counts.total")).as("row 2 was imported before the import stopped").isEqualTo(1);
            assertThat(leadsNamed(token)).isEqualTo(1);
        } finally {
            sql("drop trigger " + fault + " on lead");
            sql("drop function " + fault + "()");
        }

        // The same bytes again: a new import that takes over row 2 and goes on with rows 3 and 4.
        JsonPath again = upload(csv, 202);
        String second = again.getString("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(again.getString("retryOf")).isEqualTo(first);
        JsonPath done = ended(second);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("DONE");
        assertThat(done.getInt("counts.total")).isEqualTo(3);
        assertThat(done.getInt("counts.qualified")).isEqualTo(3);
        assertThat(done.getString("retryOf")).isEqualTo(first);
        assertThat(leadsNamed(token)).as("row 2 is not captured twice").isEqualTo(3);
        assertThat(report(first).getString("status")).as("the failed import's report stays as it was")
                .isEqualTo("FAILED");

        // A finished import answers its bytes again.
        given().config(RAW).contentType("text/csv").body(csv).when().post("/api/v1/imports/leads").then()
                .statusCode(200).header("Import-Replayed", "true").body("id", equalTo(second));
    }

    private void sql(String statement, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            s.execute();
        }
    }

    private int count(String query, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
