"""公文: 收文 and 发文 ledgers, their flow, forms, the 当日盘点 and 文号检查."""

from models.core.manifest import CliOption, Manifest, RightSpec, Tab
from models.core.rights import Role

READ_DOCUMENTS = "read_documents"
EDIT_DOCUMENTS = "edit_documents"

# The fields of a 发文 as the audit viewer's 修改前/修改后 name them (a 收文's are incoming.FIELD_LABELS)
OUTGOING_FIELDS = {
    "prefix": "机关代字", "doc_no": "发文字号", "title": "标题", "doc_type": "文种", "draft_unit": "拟稿单位",
    "drafter": "拟稿人", "drafted_on": "拟稿日期", "main_to": "主送", "copy_to": "抄送", "secrecy": "密级",
    "secrecy_term": "保密期限", "urgency": "紧急程度", "attachments": "附件", "print_copies": "印数",
    "reviewer": "核稿人", "countersigns": "会签", "signer": "签发人", "status": "状态", "remarks": "备注",
}

MANIFEST = Manifest(
    name="documents",
    label="公文",
    tables="models.documents.tables:models",
    migrations={2: "models.documents.migrations:step_2", 4: "models.documents.migrations:step_4",
                6: "models.documents.migrations:step_6"},
    text_indexes=(("incoming", "search_text"), ("outgoing", "search_text")),
    rights=(
        RightSpec(READ_DOCUMENTS, "查阅公文", frozenset({Role.CLERK, Role.LEADER})),  # 领导: read-only overview
        RightSpec(EDIT_DOCUMENTS, "办理公文", frozenset({Role.CLERK})),
    ),
    details={"count": "件数"},
    targets={"incoming": "收文", "outgoing": "发文", "number": "发文字号"},
    fields={"incoming": "models.documents.incoming:FIELD_LABELS",
            "outgoing": "models.documents.manifest:OUTGOING_FIELDS"},
    cli="cli.documents",
    imports={"incoming": "旧收文登记簿（.xlsx/.csv）", "outgoing": "旧发文登记簿（.xlsx/.csv）"},
    exports={
        "incoming-ledger": "收文登记簿 .xlsx（--year）",
        "incoming-progress": "收文办理进度台账 .xlsx（--year）",
        "outgoing-ledger": "发文登记簿 .xlsx（--year）",
        "outgoing-progress": "发文审核进度台账 .xlsx（--year）",
        "routing-slip": "文件处理笺 .docx/.pdf（--id 收文）",
        "reminder-slip": "催办单 .docx/.pdf（--id 收文，取最近一次催办）",
        "drafting-sheet": "发文稿纸 .docx/.pdf（--id 发文）",
        "day-check": "当日盘点 .xlsx（--date，默认今天）",
        "number-check": "发文字号检查 .xlsx（--year，默认今年）",
    },
    cli_options=(CliOption("demo", "--documents", "公文条数（另加这么多条收文，用于试大数据量）", type="int"),),
    demo="models.documents.demo:demo_documents",
    demo_label="公文",
    due="models.documents.due:due",
    tab=Tab("公文", READ_DOCUMENTS, "ui.documents.tab:DocumentsTab", order=20),
)
