/// How rows are printed: aligned for people, JSON Lines or CSV for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, jsonl, csv
}
