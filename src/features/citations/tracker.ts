/**
 * Follows places in a document while the citation pickers are open: each offset moves with
 * the edits made meanwhile, and is lost when the text around it is deleted or replaced.
 */
import * as vscode from 'vscode';

export class OffsetTracker implements vscode.Disposable {
  private current: number[];
  private gone = false;
  private closed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly doc: vscode.TextDocument, offsets: number[]) {
    this.current = offsets.slice();
    const key = doc.uri.toString();
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.contentChanges.length) this.apply(e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === key) this.closed = true;
      }),
    ];
  }

  /** The offsets now; undefined when one of the places was deleted or the document closed. */
  offsets(): number[] | undefined {
    return this.gone || this.closed || this.doc.isClosed ? undefined : this.current.slice();
  }

  get documentClosed(): boolean {
    return this.closed || this.doc.isClosed;
  }

  /**
   * Moves the offsets through one change event. The changes of an event all refer to the text
   * before it and do not overlap, so applying them from the last to the first is exact.
   */
  private apply(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const sorted = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
    this.current = this.current.map((o) => {
      let at = o;
      for (const c of sorted) {
        const start = c.rangeOffset;
        const end = start + c.rangeLength;
        if (at < start) continue;
        if (at === start && c.rangeLength === 0) at += c.text.length; // typed at the place: stay after it
        else if (at === start) continue; // text after the place was replaced
        else if (at >= end) at += c.text.length - c.rangeLength;
        else this.gone = true; // inside deleted or replaced text
      }
      return at;
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
