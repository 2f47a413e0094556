import { describe, expect, it } from "vitest";
import {
  buildDigests,
  planReminders,
  renderDigest,
  runPass,
  standardPreset,
} from "../../../../src/core/index";

const RULES = standardPreset("Asia/Shanghai");
const HEADER = ["客户名称", "公司", "邮箱", "负责人", "最近联系"];

describe("撞单 in the digests", () => {
  // 张三 is held by 王 (row 2) and 李 (row 3); neither is due (contacted today, D leads are monthly).
  const result = runPass(
    {
      header: HEADER,
      rows: [
        ["张三", "星辰科技", "zs@example.com", "wang@example.com", "2026-12-01"],
        ["张三", "星辰科技", "zs@example.com", "li@example.com", "2026-12-01"],
      ],
    },
    RULES,
    { asOf: "2026-12-01" },
  );

  it("tells both owners, even with nothing due, naming the other owner's row", () => {
    const digests = buildDigests(result, "zh");
    expect(digests.map((d) => [d.owner, d.leads.length, d.conflicts])).toEqual([
      ["li@example.com", 0, [{ row: 1, name: "张三", otherOwner: "wang@example.com", otherRow: 0 }]],
      ["wang@example.com", 0, [{ row: 0, name: "张三", otherOwner: "li@example.com", otherRow: 1 }]],
    ]);
    // Such a digest is sent (the manager on the copy list sees it too).
    expect(planReminders(digests, [], [], 10).send.map((s) => s.to)).toEqual([
      "li@example.com",
      "wang@example.com",
    ]);
    const wang = renderDigest(digests[1] as (typeof digests)[number], "zh", "2026-12-01");
    expect(wang.text).toContain("撞单:以下客户也在其他负责人名下,请与对方确认由谁跟进:");
    expect(wang.text).toContain("- 张三(第 2 行)与 li@example.com 的第 3 行是同一客户");
    expect(wang.text).not.toContain("以下线索今天需要跟进");
    expect(wang.html).toContain("<li>张三(第 2 行)与 li@example.com 的第 3 行是同一客户</li>");
    expect(renderDigest(digests[0] as (typeof digests)[number], "en", "2026-12-01").text).toContain(
      "- 张三 (row 3) is the customer of row 2, held by wang@example.com",
    );
  });
});
