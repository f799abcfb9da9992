/// A destination for event lines: the JSON-lines log, the subscriber socket.
///
/// A line is one JSON object without a newline (``FaceEvent/jsonLine()``); the sink adds the newline. Sinks
/// may be called from any thread.
public protocol EventSink: AnyObject, Sendable {
    func publish(_ line: String) throws(EventSinkError)
    /// Pushes what was published so far as far as the sink can without waiting long.
    func flush() throws(EventSinkError)
    /// Flushes and releases the sink; a later ``publish(_:)`` throws ``EventSinkError/closed(sink:)``.
    func close() throws(EventSinkError)
}
