/// How long to wait before reconnecting a stream that went down: the delay starts at `initialDelay`, doubles
/// after each failed attempt up to `maximumDelay`, and is jittered so that many cameras do not retry in step.
public struct ReconnectBackoff: Sendable, Equatable {
    public var initialDelay: Duration = .seconds(1)
    public var maximumDelay: Duration = .seconds(30)

    public static let defaults = ReconnectBackoff()

    public init() {}

    public init(initialDelay: Duration, maximumDelay: Duration) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }
}
