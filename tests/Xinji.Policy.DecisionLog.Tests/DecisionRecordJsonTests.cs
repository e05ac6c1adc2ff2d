using System;

namespace Xinji.Policy.DecisionLog.Tests;

public sealed class DecisionRecordJsonTests
{
    [Fact]
    public void A_record_is_one_line_with_its_claim_and_decision_embedded_as_json()
    {
        var record = new DecisionRecord(
            "d-1",
            new DateTimeOffset(2026, 5, 1, 13, 30, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
            "warranty",
            "sha256:ab",
            "{\n  \"serial\": \"SN \\\"1\\\"\"\n}",
            "{\"coverage\":\"FREE\"}",
            null);

        Assert.Equal(
            "{\"decisionId\":\"d-1\",\"decidedAt\":\"2026-05-01T13:30:00.1234567+02:00\",\"policy\":{\"name\":\"warranty\",\"hash\":\"sha256:ab\"},"
            + "\"client\":null,\"claim\":{\"serial\":\"SN \\u00221\\u0022\"},\"decision\":{\"coverage\":\"FREE\"}}",
            DecisionRecordJson.ToJsonLine(record));
    }

    [Fact]
    public void A_claim_that_is_not_json_is_written_as_a_string()
    {
        var record = new DecisionRecord("d-2", DateTimeOffset.UnixEpoch, "p", "h", "{\"serial\": ", "{}", "desk-1");

        Assert.Equal(
            "{\"decisionId\":\"d-2\",\"decidedAt\":\"1970-01-01T00:00:00+00:00\",\"policy\":{\"name\":\"p\",\"hash\":\"h\"},"
            + "\"client\":\"desk-1\",\"claim\":\"{\\u0022serial\\u0022: \",\"decision\":{}}",
            DecisionRecordJson.ToJsonLine(record));
    }
}
