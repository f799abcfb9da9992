/// One connected subscriber as the server sees it.
struct Subscriber {
    let id: Int
    let descriptor: Int32
    /// `subscriber 3 (pid 4242)`, for diagnostics.
    let name: String
    var buffer: SubscriberBuffer
    var reportedInput = false
}

/// What the publishers and the I/O thread of an ``EventSocketServer`` share; always used with the server's
/// lock held. It makes no system calls: descriptors are opened and closed by its owner.
struct BroadcastState {
    let bufferLimit: Int
    var isListening = true
    /// In the order they connected.
    var subscribers: [Subscriber] = []
    /// Subscribers a publisher dropped; the I/O thread closes their descriptors.
    var retired: [Subscriber] = []
    /// Diagnostics produced with the lock held, sent by the I/O thread once it has let go of the lock.
    var messages: [String] = []
    var nextID = 1
    var droppedSubscribers = 0
    var closeDeadline: ContinuousClock.Instant?
    var acceptPausedUntil: ContinuousClock.Instant?
    /// A wake-up byte is on its way to the I/O thread and it has not yet looked at the state since.
    var wakePending = false
    var ioFinished = false

    init(bufferLimit: Int) {
        self.bufferLimit = bufferLimit
    }

    var isClosing: Bool { closeDeadline != nil }

    var isDrained: Bool { subscribers.allSatisfy { $0.buffer.pendingCount == 0 } }

    func index(of id: Int) -> Int? {
        subscribers.firstIndex { $0.id == id }
    }

    mutating func register(descriptor: Int32, peerProcessID: Int32?) {
        let id = nextID
        nextID += 1
        var name = "subscriber \(id)"
        if let peerProcessID { name += " (pid \(peerProcessID))" }
        subscribers.append(
            Subscriber(id: id, descriptor: descriptor, name: name, buffer: SubscriberBuffer(limit: bufferLimit)))
    }

    /// Queues `line` for every subscriber; one whose buffer would overflow is dropped instead and counted.
    mutating func enqueue(_ line: [UInt8]) {
        var index = 0
        while index < subscribers.count {
            if subscribers[index].buffer.append(line) {
                index += 1
                continue
            }
            let subscriber = subscribers.remove(at: index)
            droppedSubscribers += 1
            retired.append(subscriber)
            messages.append(
                "\(subscriber.name) disconnected: it stopped reading and \(subscriber.buffer.pendingCount) bytes "
                    + "of events are waiting for it (limit \(bufferLimit))")
        }
    }

    mutating func remove(_ id: Int) -> Subscriber? {
        guard let index = index(of: id) else { return nil }
        return subscribers.remove(at: index)
    }
}
