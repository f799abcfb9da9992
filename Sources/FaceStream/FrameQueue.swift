import Foundation

/// A bounded first-in first-out queue between a stream's decoder and its analysis.
///
/// A live stream must never fall behind the camera, so when the queue is full a push drops the oldest droppable
/// element (a frame; never a notice such as "the stream went down") and counts it; a file instead waits for room,
/// so that every frame is analysed. `close()` ends the queue: pushes are refused, and pops return what is left,
/// then nil.
public final class FrameQueue<Element>: @unchecked Sendable {
    /// What a push does when the queue is full.
    public enum Overflow: Sendable {
        case dropOldest
        case wait
    }

    public let capacity: Int
    public let overflow: Overflow
    // Every stored property below is guarded by `condition`.
    private let condition = NSCondition()
    /// Elements from `head` on are waiting; the slots before it are emptied as they are popped, so that a frame
    /// is freed as soon as the analysis is done with it.
    private var items: [Element?] = []
    private var head = 0
    private var closed = false
    private var droppedCount = 0
    private let isDroppable: @Sendable (Element) -> Bool
    private let dropped: @Sendable (Element) -> Void

    /// - Parameters:
    ///   - isDroppable: which elements `.dropOldest` may drop (default: all).
    ///   - onDrop: told of each element dropped, under the queue's lock (keep it short).
    public init(
        capacity: Int, overflow: Overflow, isDroppable: @escaping @Sendable (Element) -> Bool = { _ in true },
        onDrop: @escaping @Sendable (Element) -> Void = { _ in }
    ) {
        self.capacity = max(1, capacity)
        self.overflow = overflow
        self.isDroppable = isDroppable
        self.dropped = onDrop
    }

    /// Adds an element; false when the queue is closed. With `.wait` it blocks until there is room.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && count >= capacity {
            switch overflow {
            case .dropOldest:
                if let victim = items[head...].firstIndex(where: { isDroppable($0!) }) {
                    dropped(items.remove(at: victim)!)
                    droppedCount += 1
                } else {
                    // Only notices are queued: keep them all, the queue grows by one.
                    items.append(element)
                    condition.broadcast()
                    return true
                }
            case .wait:
                condition.wait()
            }
        }
        guard !closed else { return false }
        items.append(element)
        compact()
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one; nil once the queue is closed and empty.
    public func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0 else { return nil }
        let element = items[head]!
        items[head] = nil
        head += 1
        compact()
        condition.broadcast()
        return element
    }

    /// Refuses further pushes and wakes every waiter; elements already queued can still be popped.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Frames dropped since the last call (the count then starts again from zero).
    public func takeDroppedCount() -> Int {
        condition.lock()
        defer { condition.unlock() }
        let result = droppedCount
        droppedCount = 0
        return result
    }

    /// Elements waiting now.
    public var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    private var count: Int { items.count - head }

    private func compact() {
        if head > 0 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
    }
}
