import Glibc

/// Bytes the I/O thread took from a subscriber's buffer and is sending.
private struct PendingWrite {
    var bytes: [UInt8]
    var offset = 0
    var remaining: Int { bytes.count - offset }
}

/// How a subscriber's connection fared in one I/O round: still open, or ended (with a diagnostic when the
/// end was not an ordinary disconnect).
private enum ConnectionOutcome {
    case open
    case ended(diagnostic: String?)
}

/// What the I/O thread collects from the shared state, with the lock held, before it polls.
private struct IORound {
    var retired: [Subscriber] = []
    var messages: [String] = []
    var pollSet: [pollfd] = []
    var listenIndex: Int?
    var subscriberIDs: [Int] = []
    var firstSubscriberIndex = 0
    var timeout: Int32 = -1
    var stopListening = false
    var finished = false
}

extension BroadcastCore {
    /// The body of the I/O thread: accepts subscribers, writes their buffers, reads and discards what they
    /// send, notices disconnects. Returns once ``beginClosing(flushTimeout:)`` was called and every buffer was
    /// written or the flush timeout ran out, with every descriptor closed.
    func runIOLoop() {
        var outgoing: [Int: PendingWrite] = [:]
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var isListenerClosed = false

        while true {
            var round = prepareRound()
            for subscriber in round.retired {
                outgoing[subscriber.id] = nil
                close(subscriber.descriptor)
            }
            for message in round.messages { diagnostics(message) }
            if round.stopListening, !isListenerClosed {
                listening.close()
                isListenerClosed = true
            }
            if round.finished { break }

            let ready = poll(&round.pollSet, nfds_t(round.pollSet.count), round.timeout)
            if ready < 0 {
                let failure = errno
                if failure != EINTR {
                    diagnostics("event socket \(path): poll failed: \(POSIX.errorText(failure))")
                    usleep(10_000)
                }
                continue
            }
            guard ready > 0 else { continue }

            if round.pollSet[0].revents != 0 { drainWakeUps() }
            if let listenIndex = round.listenIndex, round.pollSet[listenIndex].revents != 0 {
                condition.lock()
                acceptPendingLocked()
                condition.unlock()
            }
            var changed = false
            for (position, id) in round.subscriberIDs.enumerated() {
                let entry = round.pollSet[round.firstSubscriberIndex + position]
                guard entry.revents != 0 else { continue }
                let events = Int32(entry.revents)
                var outcome = ConnectionOutcome.open
                if events & Int32(POLLNVAL) != 0 {
                    outcome = .ended(diagnostic: nil)
                }
                if case .open = outcome, events & Int32(POLLIN | POLLHUP | POLLERR) != 0 {
                    outcome = readIncoming(id, descriptor: entry.fd, scratch: &scratch)
                }
                if case .open = outcome, events & Int32(POLLOUT) != 0 {
                    outcome = writeOutgoing(id, descriptor: entry.fd, outgoing: &outgoing)
                    changed = true
                }
                if case .ended(let diagnostic) = outcome {
                    outgoing[id] = nil
                    condition.lock()
                    let removed = state.remove(id)
                    condition.unlock()
                    // A subscriber a publisher dropped meanwhile is closed with the retired ones, not here.
                    if let removed { close(removed.descriptor) }
                    if let diagnostic { diagnostics(diagnostic) }
                    changed = true
                }
            }
            if changed {
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
        }
        finish(listenerClosed: isListenerClosed, scratch: &scratch)
    }

    private func prepareRound() -> IORound {
        var round = IORound()
        condition.lock()
        defer { condition.unlock() }
        round.retired = state.retired
        round.messages = state.messages
        state.retired = []
        state.messages = []
        state.wakePending = false

        let now = ContinuousClock.now
        if let deadline = state.closeDeadline {
            if state.isListening {
                state.isListening = false
                round.stopListening = true
            }
            if state.isDrained || now >= deadline {
                round.finished = true
                return round
            }
            round.timeout = max(1, (deadline - now).pollMilliseconds)
        }

        round.pollSet.append(pollfd(fd: wakeUpDescriptor, events: Int16(POLLIN), revents: 0))
        if state.isListening {
            if let pausedUntil = state.acceptPausedUntil, now < pausedUntil {
                let pause = max(1, (pausedUntil - now).pollMilliseconds)
                round.timeout = round.timeout < 0 ? pause : min(round.timeout, pause)
            } else {
                round.listenIndex = round.pollSet.count
                round.pollSet.append(pollfd(fd: listening.descriptor, events: Int16(POLLIN), revents: 0))
            }
        }
        round.firstSubscriberIndex = round.pollSet.count
        for subscriber in state.subscribers {
            var events = Int16(POLLIN)
            if subscriber.buffer.pendingCount > 0 { events |= Int16(POLLOUT) }
            round.pollSet.append(pollfd(fd: subscriber.descriptor, events: events, revents: 0))
            round.subscriberIDs.append(subscriber.id)
        }
        return round
    }

    /// Reads and discards what a subscriber sent (subscribers are read-only); the first time it sends anything
    /// it is named in one diagnostic.
    private func readIncoming(_ id: Int, descriptor: Int32, scratch: inout [UInt8]) -> ConnectionOutcome {
        let readLimitPerRound = 1 << 20
        var received = 0
        var outcome = ConnectionOutcome.open
        reading: while received < readLimitPerRound {
            let count = scratch.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            }
            if count > 0 {
                received += count
                continue
            }
            if count == 0 {
                outcome = .ended(diagnostic: nil)
                break
            }
            let failure = errno
            switch failure {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                break reading
            case ECONNRESET, EPIPE:
                outcome = .ended(diagnostic: nil)
                break reading
            default:
                let name = subscriberName(id)
                outcome = .ended(diagnostic: "\(name): read failed: \(POSIX.errorText(failure)); disconnected")
                break reading
            }
        }
        if received > 0, case .open = outcome, let name = takeFirstInputReport(id) {
            diagnostics("\(name) sent \(received) unexpected bytes; ignored")
        }
        return outcome
    }

    /// Sends as much of a subscriber's buffer as its socket takes without blocking.
    private func writeOutgoing(_ id: Int, descriptor: Int32, outgoing: inout [Int: PendingWrite]) -> ConnectionOutcome {
        // A bounded number of refills, so that one fast reader cannot keep the thread from the others.
        for _ in 0..<8 {
            var pending: PendingWrite
            if let current = outgoing.removeValue(forKey: id), current.remaining > 0 {
                pending = current
            } else {
                condition.lock()
                guard let index = state.index(of: id) else {
                    condition.unlock()
                    return .open
                }
                let bytes = state.subscribers[index].buffer.takeQueued()
                condition.unlock()
                guard !bytes.isEmpty else { return .open }
                pending = PendingWrite(bytes: bytes)
            }

            while pending.remaining > 0 {
                let sent = pending.bytes.withUnsafeBytes { buffer in
                    send(
                        descriptor, buffer.baseAddress! + pending.offset, pending.remaining,
                        Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
                if sent > 0 {
                    pending.offset += sent
                    confirmSent(id, count: sent)
                    continue
                }
                let failure = errno
                switch failure {
                case EINTR:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    outgoing[id] = pending
                    return .open
                case EPIPE, ECONNRESET:
                    return .ended(diagnostic: nil)
                default:
                    let name = subscriberName(id)
                    return .ended(diagnostic: "\(name): write failed: \(POSIX.errorText(failure)); disconnected")
                }
            }
        }
        return .open
    }

    private func confirmSent(_ id: Int, count: Int) {
        condition.lock()
        defer { condition.unlock() }
        if let index = state.index(of: id) { state.subscribers[index].buffer.confirmSent(count) }
    }

    private func subscriberName(_ id: Int) -> String {
        condition.lock()
        defer { condition.unlock() }
        guard let index = state.index(of: id) else { return "subscriber \(id)" }
        return state.subscribers[index].name
    }

    /// The subscriber's name the first time it sent something; nil after that, or when it is gone.
    private func takeFirstInputReport(_ id: Int) -> String? {
        condition.lock()
        defer { condition.unlock() }
        guard let index = state.index(of: id), !state.subscribers[index].reportedInput else { return nil }
        state.subscribers[index].reportedInput = true
        return state.subscribers[index].name
    }

    /// Closes every descriptor once the loop is over and tells waiters that nothing more will be written.
    private func finish(listenerClosed: Bool, scratch: inout [UInt8]) {
        condition.lock()
        let live = state.subscribers
        let retired = state.retired
        let messages = state.messages
        state.subscribers = []
        state.retired = []
        state.messages = []
        state.isListening = false
        state.ioFinished = true
        condition.broadcast()
        condition.unlock()

        if !listenerClosed { listening.close() }
        for message in messages { diagnostics(message) }
        for subscriber in retired { close(subscriber.descriptor) }
        for subscriber in live {
            if subscriber.buffer.pendingCount > 0 {
                diagnostics(
                    "\(subscriber.name): \(subscriber.buffer.pendingCount) bytes of events undelivered "
                        + "when the event socket closed")
            }
            // What the subscriber sent and nobody read would turn the close into a connection reset.
            _ = readIncoming(subscriber.id, descriptor: subscriber.descriptor, scratch: &scratch)
            close(subscriber.descriptor)
        }
        closeWakeUpPipe()
    }
}
