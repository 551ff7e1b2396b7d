"""Every Chinese text a user reads, kept together so wording is reviewed in one place.

Templates use str.format placeholders; English identifiers stay in code.
"""

from __future__ import annotations

# --- schedule phrases (工作进度) -------------------------------------------------

SCHEDULE_BAD_MONTH = "“{phrase}”中的月份 {month} 不存在（应为 1–12）"
SCHEDULE_BAD_DAY = "“{phrase}”中的日期 {day} 日不存在：{year}年{month}月只有 {last} 天"
SCHEDULE_BAD_DAY_ANY_YEAR = "“{phrase}”中的日期 {day} 日不存在：{month}月最多只有 {last} 天"
SCHEDULE_BAD_MONTHLY_DAY = "“{phrase}”中的日期 {day} 日不存在（应为 1–31）"
SCHEDULE_BAD_QUARTER = "“{phrase}”中的季度 {quarter} 不存在（应为 1–4，即第一至第四季度）"
SCHEDULE_BAD_YEAR = "“{phrase}”中的年份 {year} 不存在"
SCHEDULE_BAD_NUMBER = "“{phrase}”中的数字“{number}”无法识别"
SCHEDULE_MISSING_YEAR = (
    "“{phrase}”没有写年份，本栏前面也没有带年份的日期，无法确定是哪一年；"
    "请写明年份，例如“2022年{phrase}”"
)

# --- reading the data file ------------------------------------------------------

NO_DATA_FILE = (
    "找不到数据文件：请用 --data 指定，或设置环境变量 GOVOPEN_DATA，"
    "或在当前目录（或上级目录）放置 data/tasks.yaml"
)
FILE_NOT_FOUND = "文件不存在"
IS_A_DIRECTORY = "这是一个文件夹，不是数据文件"
FILE_UNREADABLE = "没有读取该文件的权限"
FILE_OS_ERROR = "无法读取文件：{reason}"
FILE_TOO_LARGE = "文件超过 {limit} MiB，不像是任务分工表，已拒绝读取"
NOT_TEXT = "这不是文本文件（含有二进制内容）"
NOT_UTF8_GBK = (
    "文件不是 UTF-8 编码（看起来是 GBK/GB18030）。请转换为 UTF-8 后再试，例如："
    "iconv -f GB18030 -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}"
)
NOT_UTF8 = "文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8 后再试"
EMPTY_FILE = "文件是空的：应包含 document、sections、units、tasks 四部分"
TOP_LEVEL_NOT_MAPPING = (
    "文件顶层应是键值映射（document: … sections: … tasks: …），而不是列表或单个值"
)
YAML_BAD_CHARACTER = "文件含有 YAML 不允许的控制字符（可能是二进制内容）"
YAML_TAG_REFUSED = (
    "不允许的 YAML 标签 {tag}（不会执行）：数据文件只能包含文本、数字、日期、列表和映射"
)
YAML_MERGE_REFUSED = "不支持 YAML 合并键（<<），请把内容直接写出"
KEY_NOT_SCALAR = "键必须是简单文本，不能是列表或映射"
DUPLICATE_KEY = "重复的键“{key}”（第 {line} 行已出现过）；YAML 只会保留其中一个"
BAD_SCALAR = "无法读取的值“{value}”（例如日期不存在）"
TOO_DEEP = "嵌套层级过深（超过 {limit} 层），不像是任务分工表"
ALIAS_CYCLE = "YAML 锚点引用了自身（循环引用），已拒绝读取"
ALIAS_BOMB = "YAML 锚点/别名展开后超过 {limit}个节点（疑似“别名炸弹”），已拒绝读取"

_YAML_REASONS = {
    "mapping values are not allowed": "此处不能出现“键: 值”（是否缺少缩进或引号？）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "did not find expected '-' indicator": "列表缩进不一致，找不到预期的“-”",
    "found character that cannot start any token": "出现了不能开始任何内容的字符（例如制表符 Tab）",
    "found undefined alias": "使用了未定义的锚点别名",
    "expected a single document in the stream": "文件中有多个 YAML 文档（---），只能有一个",
    "but found another document": "文件中有多个 YAML 文档（---），只能有一个",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "found unexpected ':'": "出现了意外的冒号“:”",
    "did not find expected node content": "缺少内容",
    "found duplicate anchor": "锚点名称重复",
    "did not find expected ',' or ']'": "列表 [ … ] 没有闭合，或缺少逗号",
    "did not find expected ',' or '}'": "映射 { … } 没有闭合，或缺少逗号",
    "found unknown escape character": "双引号字符串中有未知的转义字符（\\ 后面的字符）",
    "found unexpected end of stream while scanning a quoted scalar": "引号没有闭合",
    "found a tab character": "使用了制表符 Tab，YAML 缩进只能用空格",
    "expected <block end>, but found": "缩进不一致",
}


def yaml_syntax(reason: str) -> str:
    """A YAML parser's English reason, in Chinese where we know it."""
    for english, chinese in _YAML_REASONS.items():
        if reason.startswith(english):
            return f"YAML 语法错误：{chinese}"
    return f"YAML 语法错误：{reason}"


# --- units (责任单位) -------------------------------------------------------------

ROLE_LABELS = {"lead": "责任", "support": "配合", "guide": "指导"}
KIND_LABELS = {
    "government": "政府",
    "department": "部门",
    "group": "集合",
    "open_group": "泛指群体",
}


def unit_unknown(query: str, suggestions: list[str]) -> str:
    """No registered unit matches what the user typed."""
    hint = f"；您是不是要找：{'、'.join(suggestions)}" if suggestions else ""
    return f"单位名录中没有“{query}”{hint}"


def unit_ambiguous(query: str, names: list[str]) -> str:
    """Several registered units match a short form."""
    return f"“{query}”可以指多个单位，请写得更具体：{'、'.join(names)}"


# --- validation -------------------------------------------------------------------

DUPLICATE_SECTION = "章节编号“{id}”重复"
DUPLICATE_UNIT = "单位名录中“{name}”重复（已用于“{other}”）"
GROUP_WITHOUT_MEMBERS = (
    "集合单位（kind: group）必须列出 members；没有固定成员的请用 kind: open_group"
)
MEMBERS_NOT_GROUP = "只有集合单位（kind: group）可以有 members"
DUPLICATE_TASK_ID = "序号 {id} 重复"
TASK_WITHOUT_UNITS = "该任务没有填写责任单位（如与其他任务合并单元格，请用 same_as 指明）"
SAME_AS_SELF = "same_as 不能指向自己"
SAME_AS_MISSING = "same_as 指向的序号 {id} 不存在"
SAME_AS_CHAIN = "same_as 指向的第 {id} 项本身也是 same_as，请直接指向原始任务"
SAME_AS_WITH_TEXT = '有 same_as 的任务，其 schedule 和 units 应留空（""），以免两处不一致'
SCHEDULE_EXPLICIT = "工作进度由 milestones 手工给出（工具未采用对原文的自动识别）"

_TYPE_NAMES = {
    str: "文本",
    bool: "布尔值",
    int: "整数",
    float: "小数",
    list: "列表",
    dict: "映射",
    type(None): "空值",
}

_SCHEMA_EXPECTED = {
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文本",
    "bool_type": "应为 true 或 false",
    "date_type": "应为日期（如 2022-06-30）",
    "list_type": "应为列表（每项以“- ”开头）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "dict_type": "应为映射（键: 值）",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
    "frozen_instance": "不能修改",
}


def _describe(value: object) -> str:
    import datetime as dt

    if isinstance(value, dt.date):
        return f"日期 {value.isoformat()}"
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        shown = str(value) if len(str(value)) <= 20 else str(value)[:20] + "…"
        return f"{name}“{shown}”"
    return name


def schema_missing(key: str) -> str:
    """A required key is absent."""
    return f"缺少必填字段“{key}”"


def schema_unknown_key(key: str, close: str | None, known: list[str]) -> str:
    """A key the format does not have."""
    hint = f"；您是不是要写“{close}”？" if close else f"；可用的字段：{'、'.join(known)}"
    return f"未知字段“{key}”{hint}"


def schema_error(key: str, kind: str, ctx: dict[str, object], value: object) -> str:
    """Any other schema error, by pydantic's error type."""
    where = f"字段“{key}”" if key and not key.isdigit() else "该值"
    if kind == "literal_error":
        return f"{where}应为以下之一：{ctx.get('expected', '')}，实际是{_describe(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}应不小于 {ctx.get('ge', ctx.get('gt'))}，实际是 {value}"
    if kind in ("less_than_equal", "less_than"):
        return f"{where}应不大于 {ctx.get('le', ctx.get('lt'))}，实际是 {value}"
    expected = _SCHEMA_EXPECTED.get(kind)
    if expected is None:
        return f"{where}格式不对（{kind}）"
    if kind in ("string_too_short", "too_short"):
        return f"{where}{expected}"
    return f"{where}{expected}，实际是{_describe(value)}"


def unknown_member(member: str, close: list[str]) -> str:
    """A group lists a member that is not registered."""
    hint = f"；您是不是要写：{'、'.join(close)}" if close else ""
    return f"集合成员“{member}”不在单位名录中{hint}"


def unknown_section(section: str, close: list[str], sections: list[str]) -> str:
    """A task names a section that does not exist."""
    hint = f"您是不是要写“{close[0]}”？" if close else f"现有章节：{'、'.join(sections)}"
    return f"章节“{section}”不存在；{hint}"


def schedule_not_understood(text: str) -> str:
    """A schedule phrase with neither a date nor an ongoing marker."""
    shown = text if text.strip() else "（空）"
    return (
        f"无法识别工作进度“{shown}”：该任务不会出现在 due/overdue 中；"
        "如有截止日期，请用 milestones 手工列出，如是持续性工作，请写 ongoing: true"
    )


# --- queries ----------------------------------------------------------------------

NO_SUCH_TASK = "没有序号为 {id} 的任务（共 {count} 项，序号 {span}）"
NO_SUCH_SECTION = "没有章节“{ref}”；可用：{ids}（也可写 1、2、3……）"

DATE_BAD_FORM = "无法识别日期“{text}”：请写作 2022-06-30、2022/6/30、20220630 或 2022年6月30日"
DATE_NOT_EXIST = "日期“{text}”不存在"


# --- output: headers and labels -----------------------------------------------------

H_ID = "序号"
H_SECTION = "章节"
H_TEXT = "重点任务"
H_SCHEDULE = "工作进度"
H_UNITS = "责任单位"
H_ROLE = "角色"
H_VIA = "通过"
H_TITLE = "标题"
H_COUNT = "任务数"
H_IDS = "序号"
H_UNIT = "单位"
H_KIND = "类别"
H_ALSO = "简称/别名"
H_MEMBERS = "成员"
H_LEADS = "责任(项)"
H_GUIDES = "指导(项)"
H_DUE = "截止日期"
H_DAYS = "剩余"
H_DELIVERABLE = "节点内容"
H_NOTE = "备注"
H_FIELD = "项目"
H_CONTENT = "内容"

NO_ROWS = "（没有符合条件的记录）"
SAME_AS_SHORT = "与第{id}项合并单元格"
SECTIONS_TITLE = "章节"
MILESTONE_LABEL = "节点{n}"
RECURRING_LABEL = "周期节点"
RECURRENCE_KINDS = {
    "yearly": "每年",
    "half-yearly": "每半年",
    "quarterly": "每季度",
    "monthly": "每月",
}
ONGOING_LABEL = "持续性工作"
EXPLICIT_NOTE = "（截止日期由数据文件的 milestones 手工给出）"
YES = "是"
NO = "否"
DAYS_LEFT = "还剩 {n} 天"
DUE_TODAY = "今天到期"
DAYS_OVERDUE = "逾期 {n} 天"
AS_OF_CAPTION = "以 {date} 为今天计算 · 共 {n} 个节点"


def show_title(task_id: int) -> str:
    """Title of `show`."""
    return f"第 {task_id} 项任务"


def by_unit_title(unit: str, count: int) -> str:
    """Title of `by-unit`."""
    return f"{unit}：共 {count} 项任务"


def units_title(count: int) -> str:
    """Title of `units`."""
    return f"单位名录（{count} 个）"


def list_title(count: int) -> str:
    """Title of `list`."""
    return f"重点任务（{count} 项）"


def section_title(section_id: str, title: str, count: int) -> str:
    """Title of `by-section`."""
    return f"{section_id}、{title}（{count} 项）"


def due_title(start: str | None, end: str | None) -> str:
    """Title of `due`."""
    if start and end:
        return f"{start} 至 {end} 到期的节点"
    if end:
        return f"{end} 及以前到期的节点"
    return f"{start} 及以后到期的节点"


OVERDUE_TITLE = "已逾期的节点"


# --- command line ------------------------------------------------------------------

LEVELS = {"error": "错误", "warning": "警告"}
DATA_INVALID = "数据文件有错误，请先修正（运行 govopen validate 查看全部问题）"
WITHIN_AND_BEFORE = "--within 与 --before 不能同时使用"
EMPTY_WINDOW = "时间窗口为空：起点 {start} 晚于终点 {end}"


def validate_summary(files: int, errors: int, warnings: int) -> str:
    """The last line of `validate`."""
    if not errors and not warnings:
        return f"通过：{files} 个文件，没有发现问题"
    return f"{errors} 个错误，{warnings} 个警告（{files} 个文件）"


# --- progress ledger (issue 4) ---------------------------------------------------------

LEDGER_HEADER = """\
# 进展报送台账（progress.yaml）
#
# 各责任单位报送的工作进展，按时间顺序追加，不删除、不修改已有记录。
# 建议用命令追加（会先检查再写入）：
#     govopen progress add 13 --unit 东坡区 --status done --milestone 1 --date 2021-12-20
# 每条记录：
#     task       任务序号
#     unit       报送单位（规范名称；只有责任单位报送完成情况，指导单位不报送）
#     status     done 已完成 / in_progress 推进中 / blocked 受阻
#     date       报送日期
#     milestone  节点编号（从 1 开始；不填表示整项任务）
#     note       说明（可选）
#     evidence   佐证：网址或文号（可选）
"""
LEDGER_NOT_MAPPING = "台账顶层应是键值映射（reports: …），而不是列表或单个值"
LEDGER_BROKEN = "台账 {path} 有错误，未追加；请先运行 govopen validate 查看并修正"
LEDGER_NOT_APPENDABLE = (
    "台账 {path} 的格式无法直接追加（reports 应是文件最后一项、逐行书写的列表），未写入"
)
LEDGER_LOCKED = "台账正被其他程序写入，等待超时，请稍后再试"
LEDGER_FROM_SHIPPED = (
    "当前使用的是随安装包附带的数据文件（只读）。请把 data/tasks.yaml 复制到自己的工作目录"
    "（台账 progress.yaml 会写在它旁边），或用 --data 指定任务文件、用 --progress 指定台账位置"
)
REPORT_IN_FUTURE = "报送日期 {date} 晚于今天（{today}），不能登记未来的进展"
REPORT_BY_GROUP = "“{unit}”是集合名称：第 {task} 项应由其每个成员单位分别报送"
REPORT_NOT_LEAD_ROLE = (
    "“{unit}”在第 {task} 项中是{role}单位，不报送完成情况；应报送的责任单位：{owners}"
)
REPORT_NOT_LEAD = "“{unit}”不是第 {task} 项的责任单位；应报送的责任单位：{owners}"
REPORT_ADDED = "已登记：第 {task} 项{milestone}，{unit}，{status}，{date} → {path}"
STATUS_LABELS = {"done": "已完成", "in_progress": "推进中", "blocked": "受阻"}


def bad_status(status: str) -> str:
    """A status outside the list."""
    return f"状态“{status}”无效：应为 done（已完成）、in_progress（推进中）或 blocked（受阻）"


def no_such_milestone(task: int, number: int, count: int) -> str:
    """A milestone number the task does not have."""
    if count == 0:
        return f"第 {task} 项没有带日期的节点，请不要填写 --milestone（报送整项任务）"
    return f"第 {task} 项只有 {count} 个节点，没有节点 {number}"


H_OUTSTANDING = "未完成单位"
ALL_OWE = "全部 {n} 个责任单位"
H_REPORT_DATE = "报送日期"
H_MILESTONE = "节点"
H_STATUS = "状态"
H_EVIDENCE = "佐证"
WHOLE_TASK = "整项"
H_BY = "范围"
H_NAME = "名称"
H_TASKS = "任务数"
H_DUE_SO_FAR = "已到期节点"
H_ON_TIME = "按时完成"
H_LATE = "逾期完成"
H_OVERDUE = "逾期未完成"
H_RATE = "完成率"
BY_LABELS = {"unit": "单位", "section": "章节"}
BOARD_TITLE = "督查看板"
BOARD_CAPTION = "以 {date} 为今天计算\n{legend}"
STATS_TITLE = "完成情况统计（落后的排在前面）"
STATS_CAPTION = "以 {date} 为今天计算 · 节点数按“责任单位 × 节点”计"


def reports_title(count: int) -> str:
    """Title of `progress list`."""
    return f"进展报送（{count} 条）"


# --- validate: warnings, schema (issue 3) -----------------------------------

SECTION_EMPTY = "章节“{id}”下没有任何任务（是否漏填了任务的 section？）"
UNIT_UNUSED = "单位“{name}”已登记，但没有任何任务写到它（也不是被写到的集合的成员）"


def id_gap(previous: int, current: int) -> str:
    """Task ids jump over some numbers."""
    missing = f"{previous + 1}" if current == previous + 2 else f"{previous + 1}–{current - 1}"
    after = f"序号 {previous} 之后是 {current}" if previous else f"序号从 {current} 开始"
    return f"{after}，缺少 {missing}（漏录了任务，还是序号写错了？）"


RULE_TABLE_HEADER = "| 规则 | 级别 | 含义 |"


def count_words(n: int) -> str:
    """A large count as a clerk writes it: 5000000 → "500 万", 200000000 → "2 亿"."""
    for size, word in ((100_000_000, "亿"), (10_000, "万")):
        if n >= size and n % size == 0:
            return f"{n // size} {word}"
    return str(n)


SCHEMA_TITLE = "重点任务分工表（govopen 数据文件）"
SCHEMA_MODELS = {
    "TaskFile": "重点任务分工表：document 文件信息、sections 章节、units 单位名录、tasks 重点任务",
    "DocumentInfo": "所转录的已发布文件的信息",
    "Section": "表中的一个章节（一、二、三……）",
    "Unit": "单位名录中的一个单位",
    "ExplicitMilestone": "手工给出的一个截止节点（工作进度无法自动识别时使用）",
    "Task": "表中的一行：序号 / 重点任务 / 工作进度 / 责任单位",
}
# --- import (govopen import) ------------------------------------------------------------

IMPORT_UNREADABLE = "无法读取 {path}：{reason}"
IMPORT_ENCODING = "既不是 UTF-8 也不是 GB18030 编码的文本"
IMPORT_DOCX_PLACE = "表格{table}第{row}行"
IMPORT_PARAGRAPH_PLACE = "第{number}段"
IMPORT_XLSX_PLACE = "工作表“{sheet}”第{row}行"
IMPORT_NO_TABLE = (
    "没有找到任务表：找到的是 {found}；需要一行表头，含任务列（重点任务、工作任务、具体措施……）、"
    "单位列（责任单位、牵头单位、配合单位……），通常还有时间列（工作进度、完成时限、时间节点……）"
)
IMPORT_BAD_HEADER = "{place}：表头读不懂：看到的列是“{seen}”，缺少 {missing}"
IMPORT_EMPTY_ROW = "{place}：表格中有空行，请删除或补全"
IMPORT_OUT_OF_SEQUENCE = "{place}：序号 {id} 不连续，应为 {expected}"
IMPORT_NO_TASKS = "{place}：表头之后没有任何任务行"
IMPORT_TRAILING = "{place} 起是表格之后的文字，未导入"
IMPORT_COPY_DIFFERS = "{place}：第二份表格的第 {id} 项与第一份不一致，请对照原件核对"
IMPORT_COPY_CHECKED = (
    "{place} 起的第二份表格（如 PDF 提取稿）已与第一份核对：{count} 项中 {same} 项一致"
)
IMPORT_FILE_HEADER = """本文件由 govopen import 从 {source} 生成，请对照原件核对后运行：
    govopen validate

格式说明见 govopen 自带的 data/tasks.yaml；要点：
- units：任务里写到的每个单位都必须登记。kind 为 government 政府 / department 部门 /
  group 集合（须列出 members 成员）/ open_group 泛指（没有固定成员）。
- tasks：schedule 工作进度、units 责任单位均为原文；same_as 表示原表合并单元格。"""
IMPORT_YEAR_COMMENT = "请核对：按工作进度中最早的年份推定"
IMPORT_UNITS_LEAD = "责任单位（牵头落实者）"
IMPORT_UNITS_SUPPORT = "配合单位"
IMPORT_UNITS_GUIDE = "指导单位（“……加强指导”）"
IMPORT_UNITS_OPEN = "泛指的单位群体，原表未列明成员"
IMPORT_SCHEDULE_COMMENT = "请核对：工具读不懂这条工作进度，可手工填写 milestones 或 ongoing"
IMPORT_SAME_AS_COMMENT = "原表“工作进度”“责任单位”是与第 {id} 项合并的单元格。"
IMPORT_SAME_AS_NOTE = "原表中本项与第{id}项的“工作进度”“责任单位”为合并单元格，沿用第{id}项。"
IMPORT_NEEDS_OUTPUT = "输出 {path} 就是来源文件本身，不会覆盖它；请用 -o 另指输出文件"
IMPORT_WRITTEN = "已写入 {path}"
IMPORT_VALID = "校验通过：govopen validate {path}"
IMPORT_INVALID = "{path} 还需修改 {count} 处才能通过校验："
IMPORT_DRY_RUN = "（试运行，未写入任何文件；去掉 --dry-run 将写入 {path}）"
IMPORT_NOT_UNDERSTOOD_HEAD = "读不懂的工作进度（{count} 条）："
IMPORT_NOT_UNDERSTOOD_ROW = "  第 {id} 项（{place}）：{message}"


def import_summary(sections: int, tasks: int, units: int, groups: int, milestones: int) -> str:
    """One line: what an import found."""
    return (
        f"章节 {sections} 个，任务 {tasks} 项，单位 {units} 个"
        f"（其中 {groups} 个集合无法补全成员），截止节点 {milestones} 个"
    )


# --- exports and the public page (issue 6) ------------------------------------------------
H_SOURCE_ID = "序号"
H_SOURCE_TEXT = "重点任务"
H_SOURCE_SCHEDULE = "工作进度"
H_SOURCE_UNITS = "责任单位"
H_LEAD_UNITS = "责任单位（须完成）"
XLSX_TABLE_SHEET = "任务分工"
XLSX_BOARD_SHEET = "节点进度"
XLSX_LEDGER_SHEET = "进展台账"
XLSX_BOARD_TITLE = "节点 × 责任单位（以 {date} 为今天计算）"
XLSX_LEGEND = "图例"
XLSX_NO_MILESTONE = "{task}（无固定节点）"
XLSX_NEEDS_OUT = "xlsx 是二进制文件，请用 --out 指定保存位置，例如 --out 分工表.xlsx"
EXPORT_WRITTEN = "已导出：{path}"
ICS_SUMMARY = "【第{task}项】{what}"
ICS_CALENDAR_NAME = "{title}（{who}）"
ICS_ALL_UNITS = "全部单位"
ICS_DESCRIPTION = (
    "截止日期：{due}\n节点：{deliverable}\n责任单位：{units}\n未完成单位：{owing}\n"
    "重点任务：{text}\n工作进度：{schedule}"
)
ICS_ALARM = "{days} 天后到期：{summary}"
ICS_NONE = "无"
PUBLISH_WRITTEN = "已生成公开页面：{path}"
PAGE_FILTER_UNIT = "责任单位"
PAGE_FILTER_SECTION = "章节"
PAGE_FILTER_ALL = "全部"
PAGE_SEARCH = "搜索"
PAGE_SEARCH_HINT = "任务、进度或单位中的文字"
PAGE_SHOWN = "显示 {n} / {total} 项任务"
PAGE_TIMELINE = "节点时间轴（按月）"
PAGE_TIMELINE_DESC = "每个节点按截止月份排列，标有任务序号，颜色为完成状态"
PAGE_LEGEND = "状态说明"
PAGE_DONE_COUNT = "{done}/{total} 个单位已完成"
PAGE_ONGOING = "长期坚持，无固定节点"
PAGE_NO_MATCH = "没有符合条件的任务"

# --- the house (issue 11): recurring deadlines in the calendar ---

ICS_RECURRING_DESCRIPTION = (
    "周期：{phrase}（每期截止日）\n节点：{deliverable}\n责任单位：{units}\n"
    "完成情况：台账不按期记录周期性节点，请以各期报送为准\n"
    "重点任务：{text}\n工作进度：{schedule}"
)

# --- truth: no ledger, roles, unit input, corrections, the page on a phone (issue 15) ---

LEDGER_MISSING = (
    "进展台账 {path} 不存在：请检查 --progress 的路径（第一次登记用 govopen progress add 会创建它）"
)
NO_LEDGER_NOTE = (
    "尚未登记任何进展（没有进展台账）：不知道各单位是否已完成；已过截止日期不等于未完成"
)
PAST_DUE_TITLE = "已过截止日期的节点（尚未登记进展）"
PAST_DUE_SOME_TITLE = "已过截止日期的节点（有的任务表尚未登记进展）"
DAYS_PAST = "已过 {n} 天"
H_PAST_DUE_UNITS = "责任单位"
H_OUTSTANDING_OR_UNITS = "未完成或责任单位"
"""A column of both: the units still owing (tables with a ledger) or the lead units (without)."""


def no_ledger_note(missing: list[str], tables: int) -> str:
    """What an answer cannot know: no table has a ledger, or these (`missing`) of `tables`."""
    if len(missing) == tables:
        return NO_LEDGER_NOTE
    shown = "、".join(missing[:5]) + (f" 等 {len(missing)} 个任务表" if len(missing) > 5 else "")
    return (
        f"任务表 {shown} 尚未登记任何进展（没有进展台账）：不知道这些表的节点是否已完成；"
        "已过截止日期不等于未完成"
    )


UNIT_OWES_NOTHING = "{unit} 在这些任务中是{roles}单位，不需要报送完成情况；表中是仍须完成的责任单位"
UNIT_SOME_ROLES = "角色为“{roles}”的任务，{unit} 不需要报送完成情况；表中是仍须完成的责任单位"
ICS_ROLE = "本单位角色：{role}"
ICS_ROLE_NOT_OWED = "本单位角色：{role}（不需要报送完成情况）"


def unit_not_found(query: str, suggestions: list[str]) -> str:
    """What a user typed names no registered unit (suggestions only when close)."""
    hint = f"；您是不是要找：{'、'.join(suggestions)}" if suggestions else ""
    return f"单位名录中没有“{query}”{hint}（运行 govopen units 查看全部单位）"


REPORT_DUPLICATE = (
    "台账第 {number} 条已是同样的报送（第 {task} 项{milestone}，{unit}，{status}，{date}），"
    "未重复登记；如要更正，请先 govopen progress retract {number}"
)
REPORT_BEFORE_YEAR = "报送日期 {date} 早于文件年份 {year} 年，不能登记"
RETRACT_NO_ENTRY = "台账中没有第 {number} 条（共 {count} 条）"
RETRACT_A_RETRACTION = "第 {number} 条本身是一条撤回记录，不能再撤回"
RETRACT_TWICE = "第 {number} 条已由第 {by} 条撤回"
RETRACT_BEFORE_REPORT = "撤回日期 {date} 早于被撤回的第 {number} 条的报送日期 {reported}"
RETRACT_ADDED = (
    "已撤回：第 {number} 条（第 {task} 项{milestone}，{unit}，{status}，{date}）→ {path}"
)
RETRACT_NOTE_NEEDED = "请用 --note 写明撤回原因（如“误报，应为第 2 个节点”）"
RETRACTED_LABEL = "已撤回"
RETRACTED_BY = "已由第 {by} 条于 {date} 撤回：{note}"
H_ENTRY = "条"
LEDGER_HEADER_RETRACT = (
    "# 更正：govopen progress retract N --note 原因  追加一条撤回记录（retracts: N），原记录保留\n"
)

PAGE_PUBLISHER = "发布单位"
PAGE_SOURCE = "依据文件"
PAGE_DATA_DATE = "数据日期"
PAGE_PUBLISHER_UNKNOWN = "数据文件未写明发布单位"
PAGE_DATA_DATE_UNKNOWN = "数据文件未写明数据日期"
PAGE_NO_LEDGER = (
    "尚未登记任何进展：本页只列出任务和截止日期；已过截止日期的节点标为“{label}”，不表示未完成。"
)
PAGE_FOOTER_NEUTRAL = "本页根据分工表和进展台账整理，内容以正式文件为准。"
PAGE_ROLE_NOTE = "{unit}：在 {n} 项任务中为{roles}单位，不需要报送完成情况"
PAGE_ROLE = "本单位角色"
NOT_RECORDED = "未登记进展"
PAGE_MONTH = "{year}年{month}月"
PAGE_TASK_NO = "第{id}项"
PAGE_AS_OF_LABEL = "进度截至"
PAGE_SOURCE_UNKNOWN = "数据文件未写明文号或出处"

# --- import: table layouts, gazetteer, bounds (issue 12, 14) ---------------------------------
IMPORT_NOT_REGULAR = "无法读取 {path}：不是普通文件（目录、管道或设备）"
IMPORT_TOO_BIG = "无法读取 {path}：文件大小 {size}，超过上限 {limit}"
IMPORT_ZIP_BOMB = (
    "无法读取 {path}：其中的 {member} 解压后 {size}（压缩 {packed}），超过上限 {limit} "
    "或压缩比上限 {ratio}:1，疑为压缩炸弹，未解压"
)
IMPORT_UNPACKED_TOO_BIG = "无法读取 {path}：解压内容合计超过上限 {limit}"
IMPORT_MISSING_PART = "文件中缺少 {part}"
IMPORT_DOCTYPE = (
    "无法读取 {path}：{member} 含 DOCTYPE/实体声明（Word、Excel 不会写入），"
    "可能引用外部内容或丢失文字，拒绝导入"
)
IMPORT_UTF16 = "这是 UTF-16 编码的文本，请另存为 UTF-8 后再导入"
IMPORT_TOO_MANY = "无法读取 {path}：{what}超过上限 {limit}"
IMPORT_WHAT_ROWS = "行数"
IMPORT_WHAT_CELLS = "单元格数"
IMPORT_WHAT_COLUMNS = "一行的列数"
IMPORT_MERGED_TOO_BIG = "无法读取 {path}：合并单元格 {ref} 等覆盖的范围合计超过上限 {limit} 格"
IMPORT_FOUND_NO_GRID = "{count} 行文字，没有表格"
IMPORT_FOUND_GRID = "{place}（首行：{cells}）"
IMPORT_EXPECT_TEXT = "任务列（重点任务、工作任务、具体措施、任务内容……）"
IMPORT_EXPECT_UNITS = "单位列（责任单位、牵头单位、配合单位、责任部门……）"
IMPORT_OTHER_TABLE = "{place} 起的表格不是任务表（首行：{first}），未导入"
IMPORT_COLUMNS = "{place} 表头：{columns}"
IMPORT_COLUMN_IGNORED = "未导入"
IMPORT_NOTE_ROW = "{place} 起是表后的注释，未导入"
IMPORT_WHOLE_TABLE = "全部任务"
IMPORT_NO_SECTION = "{place}：表中有章节行（如“一、……”），但这一项任务在第一个章节之前"
IMPORT_NOT_A_TASK = "{place}：这一行读不出任务：“{text}”"
IMPORT_NO_TEXT = "{place}：这一行的任务列是空的"
IMPORT_AREA_NOTE = "所属重点工作：{area}"
IMPORT_COPIED_NOTE = "原表此处为与第{id}项合并的单元格，已照录其内容"
IMPORT_MANY_TABLES = "文件中有 {count} 个任务表：{tables}。请用 --table N 选择要导入的一个"
IMPORT_TABLE_ITEM = "{number}.“{title}”（{place} 起，{count} 项）"
IMPORT_NO_SUCH_TABLE = "没有第 {number} 个任务表：文件中共 {count} 个"
IMPORT_UNKNOWN_REGION = (
    "--region：行政区划表中有 {count} 个名为“{region}”的地区，无法确定（请写全称，如“眉山市”）"
)
IMPORT_NO_REGION = "--region：行政区划表中没有“{region}”（请写全称，如“眉山市”“仁寿县”）"
IMPORT_GROUP_FILLED_COMMENT = "请核对：成员由行政区划代码表（GB/T 2260）按“{region}”补全"
IMPORT_GROUP_OPEN_COMMENT = (
    "请核对：无法按行政区划补全成员，暂作泛指群体；如有固定成员，请改为 group 并列出 members"
)
IMPORT_REVIEW_HEAD = "请核对（{count} 处）："
IMPORT_REVIEW_FILLED = "{name}：按“{region}”的行政区划补全了 {count} 个成员"
IMPORT_REVIEW_OPEN = "{name}：无法补全成员，暂作泛指群体（open_group）"
IMPORT_REVIEW_GUESSED = "第 {id} 项：“{name}”没有写明角色，按位置推定为指导单位"
IMPORT_REVIEW_NUMBERED = "{count} 项任务没有序号，按出现顺序编号"
IMPORT_REVIEW_UPPER_NUMBERS = "“序号”单元格纵向合并，编的是上一层（重点工作），任务按出现顺序编号"
IMPORT_REVIEW_NO_SCHEDULE = "表中没有时间列：各项任务的工作进度为空，不会出现在 due、overdue 中"
IMPORT_REVIEW_RENUMBERED = "序号在各章节内从 1 重新开始，已按全表顺序连续编号"
IMPORT_REVIEW_YEAR = "发文年份按 {year} 年推定（工作进度中最早的年份或标题中的年份）"

# --- conventions ---
SHELL_UNSUPPORTED = (
    "无法为 shell “{shell}”提供命令补全：支持 bash、zsh、fish、PowerShell"
    "（在其中之一运行，或写明，如 govopen --install-completion bash）"
)
COMPLETION_INSTALLED = "已为 {shell} 安装命令补全：{path}\n重新打开终端后生效。"
RECORD_RULE = "[ {n} ]"


# --- collections (many tables in one folder) ---

UNITS_NOT_MAPPING = "units.yaml 顶层应是键值映射（units: …），而不是列表或单个值"
NO_TASK_FILES_IN = "这个文件夹中没有任务表（顶层有 tasks: 的 .yaml 文件）"
DUPLICATE_DOC = (
    "任务表简称“{key}”与 {other} 相同：同一文件夹中每个任务表的文件名（去掉扩展名）必须不同"
)
UNIT_TWO_NAMES = (
    "“{spelling}”在本文件中是“{name}”，在 {file} 中是“{other}”：同一个单位有两个名称；"
    "请统一写法，或只在 units.yaml 中登记一次"
)
SHARED_UNIT_UNUSED = "单位“{name}”登记在共用名录中，但本文件夹没有任何任务表用到它"
H_DOC = "表"
DATA_FOOTER = "数据：{what}"
DATA_NOTE = "govopen: 数据：{what}"
DATA_FILES = "{folder} 中的 {n} 个任务表（{keys}）"
DATA_FILES_MANY = "{folder} 中的 {n} 个任务表（{keys} 等）"
DATA_HOW = {
    "option": "",
    "env": "（来自环境变量 GOVOPEN_DATA）",
    "here": "（当前文件夹）",
    "upward": "",
    "bundled": "（随包附带的示例）",
}
BUNDLED_NOTICE = (
    "govopen: 注意：当前文件夹及上级的 data/ 文件夹中都没有任务表，使用的是随包附带的示例"
    "（{title}）。要用自己的表，请用 --data 指定文件或文件夹，或放到 data/ 文件夹中"
)
NO_SUCH_DOC = "没有简称为“{key}”的任务表；本集合中有：{keys}"
NEEDS_DOC = "这个集合有 {n} 个任务表，请用 --doc 指定其中一个（{keys}）"
TASK_AMBIGUOUS = "序号 {id} 在 {n} 个任务表中都有（{refs}）；请写成“简称:序号”，例如 {example}"
TASK_NOT_IN_ANY = "没有哪个任务表有序号 {id} 的任务（本集合中有：{keys}）"
BAD_TASK_REF = "“{ref}”不是任务编号：请写序号（如 6）或“简称:序号”（如 2022-yaodian:6）"
SECTION_IN_NONE = "没有哪个任务表有章节“{ref}”"
PROGRESS_NEEDS_DOC = "--progress 只能用于一个任务表；这个集合有 {n} 个，请同时用 --doc 指定"
COLLECTION_INVALID_HINT = (
    "其中 {n} 个任务表有错误；可用 --doc 只查询其他任务表，或先修正（govopen validate {folder}）"
)
CHECKED_FILES = "已检查：{files}"
CHECKED_MANY = "已检查：{folder} 中的 {tasks} 个任务表、{ledgers} 个台账{units}"
BUNDLED_TITLE = "眉山市重点任务分工"
CHECKED_UNITS = "和 units.yaml"


def by_unit_docs_caption(counts: list[tuple[str, int]]) -> str:
    """`2022-yaodian 3 项 · tasks 7 项`: a unit's load per table."""
    return " · ".join(f"{key} {n} 项" for key, n in counts)


def by_unit_collection_title(unit: str, tasks: int, docs: int) -> str:
    """Title of `by-unit` over several tables."""
    return f"{unit}：{docs} 个任务表中共 {tasks} 项任务"


INDEX_TITLE = "任务分工表（{n} 个）"
INDEX_COLUMN_DOC = "任务表"
INDEX_COLUMN_TASKS = "任务"
INDEX_COLUMN_MILESTONES = "已到期节点"
INDEX_COLUMN_PROGRESS = "完成情况"
INDEX_NO_LEDGER = "尚未登记进展"
INDEX_BACK = "← 全部任务表"
IMPORT_INTO_SHARED = "其中 {n} 个单位已在 {path} 中登记，直接沿用"
IMPORT_INTO_EXISTS = "{path} 已存在，未改动；要覆盖请加 --force"
ICS_MANY = "{n} 个任务表"
XLSX_NEEDS_DOC = (
    "xlsx 按一个任务表的原样排版；这个集合有 {n} 个任务表，请用 --doc 指定其中一个（{keys}）"
)
INDEX_DONE = "已完成 {done}/{due}（{rate}），逾期未完成 {overdue}"
INDEX_FOOTER = "每个任务表一页；完成情况按“责任单位 × 节点”计，内容以正式文件为准。"
PUBLISH_INDEX_WRITTEN = "已生成公开页面：{path}（{n} 个任务表，每个一页）"
IMPORT_SHARED_COMMENT = "以下单位已在 units.yaml 中登记，本文件直接沿用：{names}"
IMPORT_INTO_AND_OUTPUT = "--into 和 -o/--output 只能给一个"


def in_doc(line: str, key: str) -> str:
    """A line about "第 N 项" said of one table of a collection: "KEY 第 N 项"."""
    return line.replace("第 ", f"{key} 第 ", 1)


# --- hardening (issue 14) ------------------------------------------------------------

INPUT_TASK_FILE = "任务文件"
INPUT_LEDGER = "进展台账"
INPUT_SOURCE = "来源文件"
OUTPUT_IS_INPUT = "{path} 是本命令正在读取的{what}，不能用作输出（会被覆盖）；请换一个输出文件"
OUTPUT_EXISTS = "{path} 已存在，未改动；要覆盖请加 --force"
WRITE_FAILED = "无法写入 {path}：{reason}"
READ_FAILED = "无法读取 {path}：{reason}"
ARGUMENT_NOT_TEXT = (
    "命令行参数“{arg}”不是有效的文字（含有不能按 UTF-8 解读的字节，常见于 GBK 终端或脚本）；"
    "请在 UTF-8 环境中输入，或先转换，例如 iconv -f GBK -t UTF-8"
)
DATE_OUT_OF_RANGE = "日期“{text}”超出可用范围（{earliest} 至 {latest}）"
DAYS_OUT_OF_RANGE = "天数应为 0 到 {limit} 之间的整数，而不是 {value}"
DUE_OUT_OF_RANGE = "截止日期 {date} 超出可用范围（{earliest} 至 {latest}）"
SCHEDULE_YEAR_OUT_OF_RANGE = "“{phrase}”中的年份 {year} 超出可用范围（{earliest}–{latest} 年）"
NO_LEAD_UNIT = (
    "这项任务只写了配合或指导单位，没有责任（牵头）单位：它的节点无人报送完成，"
    "也不会出现在 due/overdue 中。请写明责任单位（原表的“牵头单位”）"
)
NOT_UTF16 = (
    "文件是 {encoding} 编码，不是 UTF-8。请转换为 UTF-8 后再试，例如："
    "iconv -f {encoding} -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}"
)

# --- reader bounds ---

NOT_REGULAR_FILE = "这不是普通文件（是管道、设备或套接字），不会读取"
TOO_MANY_NODES = "文件中的值超过 {limit}个（列表项、映射、文本……），不像是任务分工表，已停止读取"
TOO_MANY_KEYS = "一个映射中的键超过 {limit}个，不像是任务分工表，已停止读取"
VALUE_TOO_LONG = "一个值超过 {limit}个字符，不像是表格中的一格，已停止读取"
TOO_MANY_PROBLEMS = "问题超过 {limit}个，只列出前面这些，已停止读取"
ITEM_TOO_BIG = "这一项中的值超过 {limit}个，不像是一条任务、单位或报送，已停止检查"

# --- the reporting round (issue 16) ------------------------------------------------------
FORM_SHEET = "进展报送表"
FORM_TITLE = "进展报送表（{unit}）"
FORM_SUBTITLE = "{title} · 截至 {date}"
FORM_HOW_TO = (
    "填写说明：只填浅黄色格。完成情况从下拉列表选（已完成 / 推进中 / 受阻）；"
    "日期：已完成填完成日期，推进中、受阻填报送日期（不填按导入当天计）；佐证填文号或网址。没有进展的行留空。"
    "请勿改动其他格和隐藏的工作表，改名、另存均可。"
)
FORM_H_MILESTONE = "节点"
FORM_H_DUE = "截止日期"
FORM_H_WHAT = "节点内容"
FORM_H_STATE = "当前情况"
FORM_H_STATUS = "完成情况"
FORM_H_DATE = "日期"
FORM_H_NOTE = "说明"
FORM_H_EVIDENCE = "佐证（文号或网址）"
FORM_STATE_OVERDUE = "已过期 {days} 天"
FORM_STATE_LEFT = "还剩 {days} 天"
FORM_STATUS_ERROR = "请从下拉列表中选择：已完成、推进中、受阻"
FORM_DATE_ERROR = "请填写日期，如 2022-03-25"
FORM_IDENTITY_NOTE = (
    "本表由 govopen 生成，上一格是分工表的标识和版本，导入时据此核对。请勿修改或删除。"
)
FORM_NO_IDENTITY = "不是 govopen 生成的进展报送表（找不到分工表标识），未导入"
FORM_OTHER_TABLE = "这份报送表来自另一份分工表（《{title}》，{key}），未导入"
FORM_OUTDATED = (
    "这份报送表是按旧版本的任务文件生成的（{as_of} 生成，任务文件此后已修改），未导入；"
    "请用 govopen forms 重新生成并下发"
)
FORM_UNREADABLE = "无法读取（{reason}），未导入"
FORM_NOT_XLSX = "不是 xlsx 文件（.xls、.et 等请先另存为 .xlsx），未导入"
FORM_TOO_BIG = "文件过大或结构异常（{what}），不像进展报送表，未读取"
FORM_BOUND_FILE = "超过 10 MB"
FORM_BOUND_MEMBERS = "压缩包成员过多"
FORM_BOUND_UNPACKED = "解压后过大"
FORM_BOUND_SHEETS = "工作表过多"
FORM_BOUND_ROWS = "行数超过 5000"
FORM_NO_TABLE = "找不到报送表的表头（序号、节点、完成情况……），未导入"
FORM_ROW_NO_TASK = "没有任务序号"
FORM_ROW_BAD_MILESTONE = "节点“{value}”不是编号"
FORM_ROW_NO_STATUS = "填了内容但没有选完成情况"
FORM_ROW_BAD_DATE = "日期“{value}”看不懂"
FORMS_WRITTEN = (
    "已写入 {count} 份进展报送表到 {folder}（截至 {date}：{end} 及以前到期、尚未完成的节点）："
)
FORMS_UNIT_LINE = "  {file}：{unit}，{rows} 行"
FORMS_NONE_OWED = "无需报送的单位（{count} 个）：{units}"
FORMS_NO_LEDGER = "提示：还没有进展台账（{path}），表中列出全部到期节点，不论哪个单位是否已完成"
FORMS_NONE = "没有单位需要报送：截至 {date}，{end} 前没有未完成的节点"
ROUND_EXISTS = "{paths} 已存在，未写入任何文件；要覆盖请加 --force"
ROUND_NOT_LEAD = "“{unit}”不是任何任务的责任单位，没有报送表或督办通知"
IMPORT_FORM_LINE = "{form}（{unit}）：接受 {accepted} 行，拒绝 {refused} 行，空行 {empty} 行"
IMPORT_FORM_REFUSED = "{form}：{reason}"
IMPORT_ROW_REFUSED = "  {form} [{sheet}] 第 {row} 行：{reason}"
IMPORT_ADDED = "已追加 {count} 条到 {path}"
IMPORT_ALREADY = "{count} 条已在台账中（此前导入过），未重复登记"
IMPORT_NOTHING_NEW = "没有新内容：这些报送都已在台账中，台账未改动"
IMPORT_NOTHING = "没有可登记的报送，台账未改动"
IMPORT_DRY_RUN_ADD = "（试运行）将追加 {count} 条到 {path}，台账未改动"
NOTICE_TITLE = "督办通知"
NOTICE_BODY = "根据{source}和进展台账，截至{date}，贵单位{counts}，详见下表。"
NOTICE_BODY_OVERDUE = "有 {count} 个节点已过截止日期仍未报送完成"
NOTICE_BODY_SOON = "有 {count} 个节点将在 {days} 天内到期"
NOTICE_BODY_NO_LEDGER = (
    "根据{source}，截至{date}，下表所列 {count} 个节点已到或将到截止日期。"
    "进展台账尚未建立，我们尚未收到贵单位关于这些节点的任何进展报送，请核实完成情况。"
)
NOTICE_REQUEST = (
    "请贵单位对照分工要求抓紧推进，并于{reply_by}前将上述节点的完成情况（完成日期、说明及佐证材料）"
    "报送{office}。"
)
NOTICE_OFFICE_BLANK = "＿＿＿＿＿＿＿＿（督办单位）"
NOTICE_CONTACT = "联系人：{contact}"
NOTICE_H_STATE = "情况"
NOTICE_OVERDUE = "逾期 {days} 天"
NOTICE_PAST_DUE = "截止已过 {days} 天"
NOTICE_DAYS_LEFT = "还剩 {days} 天"
NOTICE_REPORTED = "，已报{status}"
NOTICE_TEXT_ROW = "  · 第 {task} 项{where}（{due} 截止，{state}）：{what}"
NOTICES_WRITTEN = (
    "已写入 {count} 份督办通知到 {folder}（截至 {date}；逾期及 {days} 天内到期的节点）："
)
NOTICES_UNIT_LINE = "  {file}：{unit}，逾期 {overdue} 个，临近 {soon} 个"
NOTICES_NONE = "没有单位需要督办：截至 {date}，没有逾期或 {days} 天内到期的未完成节点"
NOTICES_NOT_SENT = "无需督办的单位（{count} 个）：{units}"
NOTICE_NEEDS_LEDGER = (
    "没有进展台账（{path}）：没有台账就不知道谁已完成，督办通知会把每个责任单位都当作未完成。"
    "请先用 govopen progress add 或 progress import 登记进展；"
    "确要在没有台账时发通知，加 --no-ledger-ok（通知将写明“尚未收到报送”，不说逾期）"
)
NOTICE_NO_OFFICE = (
    "提示：没有督办单位，通知落款留空；可在任务文件 document.office（或 publisher）中填写，"
    "或用 --office 指定"
)
NOTICE_SCREEN_DOCX = "docx 是二进制文件，不能输出到屏幕；-o - 只用于 --format text"
NOTICE_SEPARATOR = "────────────────"

# --- hardening, second round (issue 14) ---
TOO_MANY_TYPED = (
    "文件中需要换算的值（小数、带时刻的时间、十六进制数、true/false……）超过 {limit}个，"
    "不像是任务分工表，已停止读取"
)
LEDGER_CHANGED_MEANWHILE = "台账 {path} 在登记时被另一个程序改动，未追加任何内容；请重新运行"
TOO_MANY_CHECKED = "问题超过 {limit}个，只列出前面这些，已停止检查"
FOLDER_UNREADABLE = "没有打开这个文件夹的权限，无法列出其中的文件"
TOO_MANY_ANCHORS = "YAML 锚点和别名（& 与 *）超过 {limit}个，不像是任务分工表，已停止读取"
