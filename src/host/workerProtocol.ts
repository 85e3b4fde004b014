/** The report workers' one message: an analysis request with an id, answered by its result or an error. */
import { analyzeReport, type AnalyzeRequest, type AnalyzeResult } from '../core/pack/analyze';

export function handleAnalyzeMessage(message: unknown): { id: number; result?: AnalyzeResult; error?: string } {
  const req = message as AnalyzeRequest & { id: number };
  try {
    return { id: req.id, result: analyzeReport(req) };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}
