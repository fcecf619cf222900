package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void plainCellsAreWrittenAsTheyAre() {
        assertThat(AuditCsv.cell("i-0123456789abcdef0")).isEqualTo("i-0123456789abcdef0");
        assertThat(AuditCsv.cell(null)).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralised() {
        assertThat(AuditCsv.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-2")).isEqualTo("'-2");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(AuditCsv.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    }

    @Test
    void aRecordIsOneCrlfTerminatedRowInTheHeadersOrder() throws Exception {
        AuditActor admin = new AuditActor("user-1", "admin@example.com", "203.0.113.1", "Mozilla/5.0");
        AuditDetails details = AuditDetails.ofInstance("t3.micro", "running", "us-east-1", "Patch, then reboot")
                .with(Map.of("ticket", "OPS-1", "accountId", "210987654321", "accountName", "Production"));
        AuditIntent stop = new AuditIntent(admin, AuditAction.STOP_INSTANCE, ResourceType.EC2_INSTANCE,
                "i-0123456789abcdef0", details, "req-1");
        AuditRecord record = AuditRecord.pending(new AuditKey("user-1", "2025-01-13T10:30:00.000000000Z"), "event-1",
                        stop, 1739442600L)
                .settled(AuditResult.succeeded("stopping", "aws-1"), Instant.parse("2025-01-13T10:30:01Z"));
        StringWriter out = new StringWriter();
        AuditCsv.writeHeader(out);
        AuditCsv.write(out, record);

        String[] rows = out.toString().split("\r\n", -1);
        assertThat(rows).hasSize(3);
        assertThat(rows[2]).isEmpty();
        assertThat(rows[0].split(",")).hasSize(AuditCsv.COLUMNS.size());
        assertThat(rows[1]).isEqualTo("2025-01-13T10:30:00Z,user-1,admin@example.com,STOP_INSTANCE,EC2_INSTANCE,"
                + "i-0123456789abcdef0,SUCCEEDED,t3.micro,running,210987654321,Production,us-east-1,\"Patch, then reboot\","
                + "stopping,ticket=OPS-1,"
                + "203.0.113.1,Mozilla/5.0,req-1,aws-1,,,2025-01-13T10:30:01Z,2025-01-13T10:30:00.000000000Z,event-1,"
                + "1739442600,");
    }
}
