extension Duration {
  /// The duration in seconds, for rates printed to people.
  public var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
