/** The part of pdfkit's API the fixture helpers use (the package ships no typings). */
declare module 'pdfkit' {
  interface TextOptions {
    align?: 'left' | 'center' | 'right' | 'justify';
    width?: number;
    indent?: number;
    paragraphGap?: number;
    lineGap?: number;
    lineBreak?: boolean;
  }
  class PDFDocument {
    constructor(options?: Record<string, unknown>);
    page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
    registerFont(name: string, src: string, family?: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    addPage(): this;
    rect(x: number, y: number, w: number, h: number): this;
    circle(x: number, y: number, r: number): this;
    fill(color: string): this;
    switchToPage(n: number): this;
    bufferedPageRange(): { start: number; count: number };
    on(event: string, listener: (...args: never[]) => void): this;
    end(): void;
  }
  export default PDFDocument;
}
