import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/**
 * Result documents as PDF with correct Chinese text: the certificate (电子证照 / 准予决定书) with its number,
 * issuing department, dates and a QR code to the public verification page; and written notices (不予受理通知书,
 * 不予许可决定书) with the reason, legal basis and remedies. The CJK font is Noto Serif/Sans CJK from Debian's
 * fonts-noto-cjk (a TTC collection; pdfkit picks the Simplified Chinese face by name and embeds only the glyphs
 * used), so the text is real text: selectable, searchable, read aloud, and extractable by tests.
 */

const FONT_CANDIDATES: [path: string, face: string][] = [
  ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
  ["/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular"],
  ["/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
  ["/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
];

export class MissingCjkFontError extends Error {
  constructor() {
    super(
      `no CJK font for result documents: install Debian's fonts-noto-cjk (looked for ${FONT_CANDIDATES.map(([path]) => path).join(", ")})`,
    );
  }
}

export function findCjkFont(): { path: string; face: string } {
  for (const [path, face] of FONT_CANDIDATES) if (existsSync(path)) return { path, face };
  throw new MissingCjkFontError();
}

function render(draw: (doc: PDFKit.PDFDocument) => Promise<void> | void, title: string): Promise<Buffer> {
  const font = findCjkFont();
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: title, Creator: "OneWindow 一网通办" },
    lang: "zh-CN",
    displayTitle: true,
    tagged: false,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.path, font.face);
  doc.font("cjk");
  return Promise.resolve(draw(doc)).then(() => {
    doc.end();
    return finished;
  });
}

function rows(doc: PDFKit.PDFDocument, entries: [label: string, value: string][]) {
  for (const [label, value] of entries) {
    doc.fontSize(12).fillColor("#555555").text(`${label}：`, { continued: true }).fillColor("#000000").text(value);
    doc.moveDown(0.5);
  }
}

export type CertificateData = {
  title: string;
  number: string;
  checkCode: string;
  holderName: string;
  /** The company's unified social credit code; absent for a person. */
  holderCode?: string | null;
  itemName: string;
  caseNumber: string;
  issuerName: string;
  issuedOn: string;
  expiresOn: string | null;
  verifyUrl: string;
};

export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  // The QR code carries the signed payload too (after `#`), so it is denser: rendered finer to print sharp.
  const qr = await QRCode.toBuffer(data.verifyUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 480 });
  return render((doc) => {
    doc.fontSize(24).text(data.title, { align: "center" });
    doc.moveDown(0.3).fontSize(11).fillColor("#555555").text("（电子证照）", { align: "center" }).fillColor("#000000");
    doc.moveDown(1.5);
    rows(doc, [
      ["证书编号", data.number],
      ["持证主体", data.holderName],
      ...(data.holderCode ? ([["统一社会信用代码", data.holderCode]] as [string, string][]) : []),
      ["许可事项", data.itemName],
      ["办件编号", data.caseNumber],
      ["发证机关", data.issuerName],
      ["发证日期", data.issuedOn],
      ["有效期限", data.expiresOn ? `至 ${data.expiresOn}` : "长期有效"],
      ["校验码", data.checkCode],
    ]);
    doc.moveDown(1);
    const y = doc.y;
    // About 0.6 mm per module for a signed payload: large enough for a phone camera on paper.
    doc.image(qr, doc.page.margins.left, y, { width: 160 });
    doc
      .fontSize(10)
      .text(
        "扫描二维码或访问以下地址核验本证照真伪与状态（二维码含发证机关电子签名，可离线核验）：",
        doc.page.margins.left + 176,
        y + 10,
        { width: 300 },
      );
    // Printed for typing in by hand: the address without the signed payload.
    doc.moveDown(0.3).text(data.verifyUrl.split("#")[0] ?? data.verifyUrl, { width: 300 });
    doc.y = Math.max(doc.y, y + 170);
    doc.x = doc.page.margins.left;
    doc.fontSize(14).text(data.issuerName, { align: "right" });
    doc.fontSize(12).text(data.issuedOn, { align: "right" });
  }, data.title);
}

export type NoticeData = {
  title: string;
  caseNumber: string;
  addressee: string;
  itemName: string;
  submittedOn: string;
  body: string;
  reason: string;
  legalBasis: string;
  remedies: string;
  issuerName: string;
  issuedOn: string;
};

/** 不予受理通知书 / 不予许可决定书: the decision, its reason and legal basis, and the remedies open to the applicant. */
export async function renderNoticePdf(data: NoticeData): Promise<Buffer> {
  return render((doc) => {
    doc.fontSize(22).text(data.title, { align: "center" });
    doc.moveDown(0.5).fontSize(11).text(`办件编号：${data.caseNumber}`, { align: "center" });
    doc.moveDown(1.5);
    doc.fontSize(13).text(`${data.addressee}：`);
    doc.moveDown(0.5);
    doc
      .fontSize(12)
      .text(`    你（单位）于 ${data.submittedOn} 提出的“${data.itemName}”申请，${data.body}`, { lineGap: 4 });
    doc.moveDown(0.8);
    rows(doc, [
      ["理由", data.reason],
      ["依据", data.legalBasis],
    ]);
    doc.moveDown(0.5);
    doc.fontSize(12).text(`    ${data.remedies}`, { lineGap: 4 });
    doc.moveDown(3);
    doc.fontSize(14).text(data.issuerName, { align: "right" });
    doc.fontSize(12).text(data.issuedOn, { align: "right" });
  }, data.title);
}

export type ApprovalFormData = {
  caseNumber: string;
  applicant: string;
  itemName: string;
  departmentName: string;
  submittedOn: string;
  acceptedOn: string | null;
  status: string;
  /** Every step taken: 受理, 审查意见, 审核意见, 决定 …, in order. */
  steps: { step: string; action: string; opinion: string | null; comment: string | null; signer: string; at: string }[];
  /** 并联审批: each department asked, its answer and who gave it. */
  jointOpinions: {
    department: string;
    opinion: string;
    comment: string | null;
    legalBasis: string | null;
    signer: string;
    at: string;
  }[];
  generatedOn: string;
};

/**
 * 审批表 (issue 19): the record of who took each step of a case with their opinion and date, and the joint opinions of
 * other departments, as the file of a licensing decision keeps it. Staff only (it shows the internal opinions).
 */
export async function renderApprovalFormPdf(data: ApprovalFormData): Promise<Buffer> {
  return render((doc) => {
    doc.fontSize(22).text("行政审批表", { align: "center" });
    doc.moveDown(0.5).fontSize(11).text(`办件编号：${data.caseNumber}`, { align: "center" });
    doc.moveDown(1);
    rows(doc, [
      ["申请人", data.applicant],
      ["办理事项", data.itemName],
      ["办理部门", data.departmentName],
      ["申请日期", data.submittedOn],
      ["受理日期", data.acceptedOn ?? "未受理"],
      ["办理状态", data.status],
    ]);
    doc.moveDown(0.5);
    doc.fontSize(15).text("办理环节与意见");
    doc.moveDown(0.4);
    for (const step of data.steps) {
      doc.fontSize(12).text(`${step.step}（${step.action}）`, { continued: false });
      doc.fontSize(11).fillColor("#333333");
      if (step.opinion) doc.text(`意见：${step.opinion}${step.comment ? `。${step.comment}` : ""}`);
      else if (step.comment) doc.text(`说明：${step.comment}`);
      doc.text(`签署人：${step.signer}    日期：${step.at}`).fillColor("#000000");
      doc.moveDown(0.5);
    }
    if (data.jointOpinions.length > 0) {
      doc.moveDown(0.3).fontSize(15).text("并联审批意见");
      doc.moveDown(0.4);
      for (const joint of data.jointOpinions) {
        doc.fontSize(12).text(joint.department);
        doc
          .fontSize(11)
          .fillColor("#333333")
          .text(`意见：${joint.opinion}${joint.comment ? `。${joint.comment}` : ""}`);
        if (joint.legalBasis) doc.text(`依据：${joint.legalBasis}`);
        doc.text(`签署人：${joint.signer}    日期：${joint.at}`).fillColor("#000000");
        doc.moveDown(0.5);
      }
    }
    doc
      .moveDown(1)
      .fontSize(10)
      .fillColor("#555555")
      .text(`本表由系统根据办件记录生成，生成日期 ${data.generatedOn}。`, { align: "right" })
      .fillColor("#000000");
  }, "行政审批表");
}
