import Foundation

/// Sends every event to several sinks (the log, the socket) in one global order.
///
/// The daemon publishes from several threads; one lock serialises them, so that all sinks see the lines of all
/// publishers in the same order. A sink that fails does not stop the others: its failure is reported to
/// `diagnostics` once, and again only after it has worked in between, so a full disk does not produce one
/// diagnostic per event.
///
/// `@unchecked Sendable`: `isClosed` and `failing` are only touched with `lock` held; `sinks` is constant.
public final class EventFanOut: EventSink, @unchecked Sendable {
    public let sinks: [any EventSink]
    private let diagnostics: EventDiagnostics
    private let lock = NSLock()
    private var isClosed = false
    private var failing: [Bool]

    public init(sinks: [any EventSink], diagnostics: @escaping EventDiagnostics = standardErrorDiagnostics) {
        self.sinks = sinks
        self.diagnostics = diagnostics
        failing = Array(repeating: false, count: sinks.count)
    }

    /// Encodes the event once and hands the line to every sink, in the order the sinks were given.
    /// Events published after ``close()`` are ignored.
    public func publish(_ event: FaceEvent) {
        publish(event.jsonLine())
    }

    /// Hands an already encoded line (a JSON object without newline) to every sink.
    public func publish(_ line: String) {
        lock.lock()
        var messages: [String] = []
        if !isClosed {
            for (index, sink) in sinks.enumerated() {
                do throws(EventSinkError) {
                    try sink.publish(line)
                    failing[index] = false
                } catch {
                    if !failing[index] { messages.append("\(error); later events may be lost too") }
                    failing[index] = true
                }
            }
        }
        lock.unlock()
        for message in messages { diagnostics(message) }
    }

    /// Flushes every sink in turn; publishers wait meanwhile. Failures go to `diagnostics`.
    public func flush() {
        lock.lock()
        var messages: [String] = []
        if !isClosed {
            for sink in sinks {
                do throws(EventSinkError) {
                    try sink.flush()
                } catch {
                    messages.append(error.description)
                }
            }
        }
        lock.unlock()
        for message in messages { diagnostics(message) }
    }

    /// Closes every sink in turn (each flushes what it holds first); later publishes are ignored.
    public func close() {
        lock.lock()
        var messages: [String] = []
        if !isClosed {
            isClosed = true
            for sink in sinks {
                do throws(EventSinkError) {
                    try sink.close()
                } catch {
                    messages.append(error.description)
                }
            }
        }
        lock.unlock()
        for message in messages { diagnostics(message) }
    }
}
