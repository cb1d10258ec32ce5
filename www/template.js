// The three tables as the official template draws them (国办公开办函〔2021〕30号, and the 2019
// 格式（试行）): headers with their merged cells, row labels, and which report key sits in which
// grid position. Rendering, CSV and TSV all read these definitions.

/** Section 三 columns, in order. */
export const APPLICANT_COLS = [
  ['natural_person', '自然人'],
  ['commercial', '商业企业'],
  ['research', '科研机构'],
  ['social_welfare', '社会公益组织'],
  ['legal_service', '法律服务机构'],
  ['other_org', '其他'],
  ['total', '总计'],
];

/** Section 三 rows (2021): [key, label, group path]. The group path names the merged label cells. */
const APP_ROWS_2021 = [
  ['new_received', '一、本年新收政府信息公开申请数量', []],
  ['carried_over', '二、上年结转政府信息公开申请数量', []],
  ['granted', '（一）予以公开', ['result']],
  ['partially_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ['result']],
  ['denied_state_secret', '1.属于国家秘密', ['result', 'denied']],
  ['denied_prohibited_by_law', '2.其他法律行政法规禁止公开', ['result', 'denied']],
  ['denied_three_safeties', '3.危及“三安全一稳定”', ['result', 'denied']],
  ['denied_third_party_rights', '4.保护第三方合法权益', ['result', 'denied']],
  ['denied_internal_affairs', '5.属于三类内部事务信息', ['result', 'denied']],
  ['denied_process_info', '6.属于四类过程性信息', ['result', 'denied']],
  ['denied_enforcement_files', '7.属于行政执法案卷', ['result', 'denied']],
  ['denied_query_items', '8.属于行政查询事项', ['result', 'denied']],
  ['unable_not_held', '1.本机关不掌握相关政府信息', ['result', 'unable']],
  ['unable_needs_creation', '2.没有现成信息需要另行制作', ['result', 'unable']],
  ['unable_unclear_after_correction', '3.补正后申请内容仍不明确', ['result', 'unable']],
  ['rejected_petition', '1.信访举报投诉类申请', ['result', 'rejected']],
  ['rejected_repeated', '2.重复申请', ['result', 'rejected']],
  ['rejected_publication', '3.要求提供公开出版物', ['result', 'rejected']],
  ['rejected_excessive', '4.无正当理由大量反复申请', ['result', 'rejected']],
  ['rejected_confirmation', '5.要求行政机关确认或重新出具已获取信息', ['result', 'rejected']],
  ['other_no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ['result', 'other']],
  ['other_unpaid_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ['result', 'other']],
  ['other_other', '3.其他', ['result', 'other']],
  ['total_processed', '（七）总计', ['result']],
  ['carried_forward', '四、结转下年度继续办理', []],
];

const APP_GROUPS = {
  result: '三、本年度办理结果',
  denied: '（三）不予公开',
  unable: '（四）无法提供',
  rejected: '（五）不予处理',
  other: '（六）其他处理',
};

const APP_ROWS_2019 = [
  ...APP_ROWS_2021.filter(([k]) => !k.startsWith('other_')).slice(0, 20),
  ['other', '（六）其他处理', ['result']],
  ...APP_ROWS_2021.slice(-2),
];

export const APPLICATIONS_NOTE =
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/**
 * Section 三 as a grid: `header` rows and `body` rows of cells
 * `{text, colspan, rowspan, th}` or `{row, col}` (a data cell), as the template merges them.
 */
function applicationsGrid(template, flat) {
  const rows = template === '2019' ? APP_ROWS_2019 : APP_ROWS_2021;
  const header = [
    [
      { text: APPLICATIONS_NOTE, colspan: flat ? 1 : 3, rowspan: 3, th: true, cls: 'corner' },
      { text: '申请人情况', colspan: 7, th: true },
    ],
    [
      { text: '自然人', rowspan: 2, th: true },
      { text: '法人或其他组织', colspan: 5, th: true },
      { text: '总计', rowspan: 2, th: true },
    ],
    APPLICANT_COLS.slice(1, 6).map(([, label]) => ({ text: label, th: true })),
  ];
  const body = [];
  const seen = new Set();
  rows.forEach(([key, label, path], i) => {
    const cells = [];
    if (flat) {
      // One label column (narrow screens): the innermost group names the row.
      const g = path.length > 1 ? APP_GROUPS[path[path.length - 1]] : '';
      cells.push({ text: label, group: g, th: true, cls: 'label', rowKey: key });
      APPLICANT_COLS.forEach(([col]) => cells.push({ row: key, col }));
      body.push({ key, label, cells });
      return;
    }
    // Merged label cells start at the first row of their group.
    path.forEach((g) => {
      if (seen.has(g)) return;
      seen.add(g);
      const span = rows.slice(i).filter(([, , p]) => p.includes(g)).length;
      cells.push({ text: APP_GROUPS[g], rowspan: span, th: true, cls: 'group' });
    });
    const labelSpan = 3 - path.length;
    cells.push({ text: label, colspan: labelSpan, th: true, cls: 'label', rowKey: key });
    APPLICANT_COLS.forEach(([col]) => cells.push({ row: key, col }));
    body.push({ key, label, cells });
  });
  return { key: 'applications', header, body, labelCols: flat ? 1 : 3, cols: APPLICANT_COLS };
}

export const REVIEW_BLOCKS = [
  ['review', '行政复议'],
  ['direct_suit', '未经复议直接起诉'],
  ['suit_after_review', '复议后起诉'],
];
const OUTCOMES = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
];
export const REVIEW_COLS = REVIEW_BLOCKS.flatMap(([b, bl]) =>
  OUTCOMES.map(([o, ol]) => [`${b}_${o}`, ol, bl]),
);

function reviewsGrid(flat) {
  if (flat) {
    // Narrow screens: one row per value.
    const body = REVIEW_COLS.map(([col, label, block]) => ({
      key: 'counts',
      label: `${block} ${label}`,
      cells: [
        { text: label, group: block, th: true, cls: 'label' },
        { row: 'counts', col },
      ],
    }));
    return { key: 'reviews_litigation', header: [], body, labelCols: 1, cols: REVIEW_COLS };
  }
  const header = [
    [
      { text: '行政复议', colspan: 5, th: true },
      { text: '行政诉讼', colspan: 10, th: true },
    ],
    [
      ...OUTCOMES.map(([, l]) => ({ text: l, rowspan: 2, th: true })),
      { text: '未经复议直接起诉', colspan: 5, th: true },
      { text: '复议后起诉', colspan: 5, th: true },
    ],
    [...OUTCOMES, ...OUTCOMES].map(([, l]) => ({ text: l, th: true })),
  ];
  const body = [
    {
      key: 'counts',
      label: '',
      cells: REVIEW_COLS.map(([col]) => ({ row: 'counts', col })),
    },
  ];
  return { key: 'reviews_litigation', header, body, labelCols: 0, cols: REVIEW_COLS };
}

/** Section 二: the small tables, each [caption, [[col, header]...], [[row, label]...]]. */
const ACTIVE_2021 = [
  [
    '第二十条第（一）项',
    [
      ['issued', '本年制发件数'],
      ['repealed', '本年废止件数'],
      ['in_force', '现行有效件数'],
    ],
    [
      ['regulations', '规章'],
      ['normative_documents', '行政规范性文件'],
    ],
  ],
  ['第二十条第（五）项', [['decisions', '本年处理决定数量']], [['licensing', '行政许可']]],
  [
    '第二十条第（六）项',
    [['decisions', '本年处理决定数量']],
    [
      ['penalty', '行政处罚'],
      ['coercion', '行政强制'],
    ],
  ],
  ['第二十条第（八）项', [['amount', '本年收费金额（单位：万元）']], [['fees', '行政事业性收费']]],
];

const ACTIVE_2019 = [
  [
    '第二十条第（一）项',
    [
      ['new_made', '本年新制作数量'],
      ['new_published', '本年新公开数量'],
      ['total_published', '对外公开总数量'],
    ],
    [
      ['regulations', '规章'],
      ['normative_documents', '规范性文件'],
    ],
  ],
  [
    '第二十条第（五）项',
    [
      ['previous_count', '上一年项目数量'],
      ['change', '本年增/减'],
      ['decisions', '处理决定数量'],
    ],
    [
      ['licensing', '行政许可'],
      ['other_services', '其他对外管理服务事项'],
    ],
  ],
  [
    '第二十条第（六）项',
    [
      ['previous_count', '上一年项目数量'],
      ['change', '本年增/减'],
      ['decisions', '处理决定数量'],
    ],
    [
      ['penalty', '行政处罚'],
      ['coercion', '行政强制'],
    ],
  ],
  [
    '第二十条第（八）项',
    [
      ['previous_count', '上一年项目数量'],
      ['change', '本年增/减'],
    ],
    [['fees', '行政事业性收费']],
  ],
  [
    '第二十条第（九）项',
    [
      ['items', '采购项目数量'],
      ['total_amount', '采购总金额'],
    ],
    [['procurement', '政府集中采购']],
  ],
];

function activeGrid(template) {
  const blocks = template === '2019' ? ACTIVE_2019 : ACTIVE_2021;
  const body = [];
  const cols = [];
  for (const [caption, bcols, brows] of blocks) {
    body.push({ caption: true, cells: [{ text: caption, colspan: 4, th: true, cls: 'caption' }] });
    // Value columns share the 3 grid columns; the last one absorbs what is left.
    const widths = bcols.map((_, i) => (i === bcols.length - 1 ? 3 - i : 1));
    body.push({
      head: true,
      cells: [
        { text: '信息内容', th: true, cls: 'head' },
        ...bcols.map(([, l], i) => ({ text: l, th: true, colspan: widths[i], cls: 'head' })),
      ],
    });
    for (const [key, label] of brows) {
      body.push({
        key,
        label,
        cols: bcols,
        cells: [
          { text: label, th: true, cls: 'label', rowKey: key },
          ...bcols.map(([col], i) => ({ row: key, col, colspan: widths[i] })),
        ],
      });
    }
    for (const c of bcols) if (!cols.some(([k]) => k === c[0])) cols.push(c);
  }
  return { key: 'active_disclosure', header: [], body, labelCols: 1, cols, blocks };
}

export const TABLES = [
  ['active_disclosure', '二、主动公开政府信息情况'],
  ['applications', '三、收到和处理政府信息公开申请情况'],
  ['reviews_litigation', '四、政府信息公开行政复议、行政诉讼情况'],
];

export const TABLE_TITLES = Object.fromEntries(TABLES);

/**
 * The grid of table `key` in `template` ("2021" | "2019"). `flat` gives the narrow-screen
 * layout: one label column (section 三), one row per value (section 四).
 */
export function grid(key, template, flat = false) {
  const t = template === '2019' ? '2019' : '2021';
  if (key === 'applications') return applicationsGrid(t, flat);
  if (key === 'reviews_litigation') return reviewsGrid(flat);
  return activeGrid(t);
}

/** Chinese name of a column key in table `key` (for messages, CSV headers and cell details). */
export function colLabel(key, col, template) {
  if (key === 'applications') return (APPLICANT_COLS.find(([c]) => c === col) || [, col])[1];
  if (key === 'reviews_litigation') {
    const c = REVIEW_COLS.find(([k]) => k === col);
    return c ? `${c[2]}·${c[1]}` : col;
  }
  const g = grid(key, template);
  return (g.cols.find(([c]) => c === col) || [, col])[1];
}

/** Official label of a row key (falls back to the report's own label). */
export function rowLabel(key, row, template, fallback) {
  if (key === 'reviews_litigation') return '';
  const g = grid(key, template);
  const r = g.body.find((b) => b.key === row);
  return r ? r.label : fallback || row;
}
