import Foundation
import Testing
@testable import FaceStream

struct FrameQueueTests {
    @Test func aLiveQueueDropsTheOldestAndCountsThem() {
        let queue = FrameQueue<Int>(capacity: 3, overflow: .dropOldest)
        for n in 1...7 { #expect(queue.push(n)) }
        #expect(queue.takeDroppedCount() == 4)
        #expect(queue.takeDroppedCount() == 0)
        queue.close()
        var popped = [Int]()
        while let n = queue.pop() { popped.append(n) }
        #expect(popped == [5, 6, 7])
    }

    @Test func aFileQueueWaitsForRoomAndLosesNothing() async {
        let queue = FrameQueue<Int>(capacity: 2, overflow: .wait)
        let producer = Thread {
            for n in 0..<500 { queue.push(n) }
            queue.close()
        }
        producer.start()
        var popped = [Int]()
        while let n = queue.pop() {
            popped.append(n)
            if n % 100 == 0 { usleep(2000) }
        }
        #expect(popped == Array(0..<500))
        #expect(queue.takeDroppedCount() == 0)
    }

    @Test func closingWakesAWaitingConsumerAndRefusesPushes() {
        let queue = FrameQueue<Int>(capacity: 2, overflow: .wait)
        let done = DispatchSemaphore(value: 0)
        Thread {
            #expect(queue.pop() == nil)
            done.signal()
        }.start()
        usleep(50_000)
        queue.close()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(!queue.push(1))
    }

    /// A popped frame belongs to the analysis alone: the queue keeps no reference to it (it used to keep up to 64
    /// popped frames, hundreds of megabytes at 1080p).
    @Test func aPoppedElementIsNoLongerHeld() {
        final class Payload {}
        let queue = FrameQueue<Payload>(capacity: 4, overflow: .wait)
        var released = [Bool]()
        for _ in 0..<10 {
            weak var watched: Payload?
            do {
                let payload = Payload()
                watched = payload
                queue.push(payload)
                queue.push(Payload())
                _ = queue.pop()
                _ = queue.pop()
            }
            released.append(watched == nil)
        }
        #expect(released == Array(repeating: true, count: 10))
        #expect(queue.waiting == 0)
    }

    @Test func closingReleasesABlockedProducer() {
        let queue = FrameQueue<Int>(capacity: 1, overflow: .wait)
        queue.push(0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            #expect(!queue.push(1))
            done.signal()
        }.start()
        usleep(50_000)
        queue.close()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(queue.pop() == 0)
        #expect(queue.pop() == nil)
    }
}

struct ReconnectDelaysTests {
    @Test func delaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
        var delays = ReconnectDelays(initialDelay: 0.5, maxDelay: 4)
        let ceilings: [Double] = [0.5, 1, 2, 4, 4, 4]
        for ceiling in ceilings {
            #expect(delays.nextDelay(unit: 1) == ceiling)
        }
        delays.reset()
        #expect(delays.nextDelay(unit: 0) == 0.25)
        #expect(delays.nextDelay(unit: 0.5) == 0.75)
        _ = delays.nextDelay(unit: 0)
        _ = delays.nextDelay(unit: 0)
        for _ in 0..<200 {
            let d = delays.nextDelay()
            #expect(d >= 2 && d <= 4)
        }
    }
}
