use super::prelude::*;

/// The largest text checked, in UTF-8 bytes: 64 MiB, over a thousand times the largest real
/// report; checking time is linear in the size. Larger texts get only the P003 finding.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

pub const RULE: RuleInfo = RuleInfo {
    code: "P003",
    severity: Severity::Error,
    title: rule_title!("文本超过大小上限，未检查"),
    doc: rule_doc!(
        r#"# P003 文本超过大小上限，未检查（error）

**检查什么**：粘贴或打开的文本超过 64 MB（67,108,864 字节，按 UTF-8 计算）。超过上限的文本不作任何
检查，结果中只有这一条错误，写明文本大小和上限。

**为什么重要**：一份年度报告的文本通常只有 5–50 KB，64 MB 是最大报告的一千倍以上，超过它的多半是误选了
文件（数据库导出、日志、整站网页）。给检查设上限，浏览器页面和命令行工具的耗时和内存才有保证。

**不通过的例子**：打开一个 80 MB 的网页存档，结果为“文本大小 80.0 MB（83,886,080 字节），超过 64 MB
（67,108,864 字节）的上限，未作检查”。

**通过的例子**：一份或几份报告的文本，远小于 64 MB。

**如何修改**：只粘贴或打开要检查的那一份报告；网页存档可先另存为纯文本。
"#
    ),
    check,
};

/// Texts over the limit never reach the rules: [`too_large`] is the whole check for them.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// The finding for a text over [`MAX_INPUT_BYTES`], or None when the text may be checked.
pub fn too_large(input: &str) -> Option<Diagnostic> {
    let size = input.len();
    if size <= MAX_INPUT_BYTES {
        return None;
    }
    // MB in tenths, rounded, in integers (no float printing in the wasm).
    let tenths = |bytes: usize| (bytes as u64 * 10 + (1 << 19)) >> 20;
    let (size_tenths, limit_tenths) = (tenths(size), tenths(MAX_INPUT_BYTES));
    Some(RULE.finding(format!(
        "文本大小 {}.{} MB（{} 字节），超过 {} MB（{} 字节）的上限，未作检查",
        size_tenths / 10,
        size_tenths % 10,
        group_thousands(size),
        (limit_tenths + 5) / 10,
        group_thousands(MAX_INPUT_BYTES)
    )))
}

/// `83886080` → `83,886,080`.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}
