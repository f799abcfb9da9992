import FaceTrain
import Foundation
import Testing

@Suite struct LearningRateScheduleTests {
    @Test func followsTheLastLineAtOrBeforeTheEpoch() throws {
        let text = """
        # Learning rate schedule
        0:  0.1
        65: 0.01   # step down

        77:\t0.001\r
        1000: -1
        """
        let schedule = try LearningRateSchedule(parsing: text, source: "schedule.txt")
        #expect(schedule.entries.map(\.epoch) == [0, 65, 77, 1000])
        #expect(schedule.decision(forEpoch: 0) == .train(learningRate: 0.1))
        #expect(schedule.decision(forEpoch: 64) == .train(learningRate: 0.1))
        #expect(schedule.decision(forEpoch: 65) == .train(learningRate: 0.01))
        #expect(schedule.decision(forEpoch: 999) == .train(learningRate: 0.001))
        #expect(schedule.decision(forEpoch: 1000) == .stop)
        #expect(schedule.decision(forEpoch: 5000) == .stop)
    }

    @Test func constantRate() {
        let schedule = LearningRateSchedule.constant(0.05)
        #expect(schedule.decision(forEpoch: 0) == .train(learningRate: 0.05))
        #expect(schedule.decision(forEpoch: 10_000) == .train(learningRate: 0.05))
    }

    @Test(arguments: [
        ("0: 0.1\n5 0.01\n", "s.txt:2: expected 'epoch: learning rate', found '5 0.01'"),
        ("0: 0.1\nfive: 0.01\n", "s.txt:2: epoch 'five' is not a whole number ≥ 0"),
        ("0: 0.1\n-3: 0.01\n", "s.txt:2: epoch '-3' is not a whole number ≥ 0"),
        ("# start\n0: fast\n", "s.txt:2: learning rate 'fast' is not a positive number, or -1 to stop"),
        ("0: 0\n", "s.txt:1: learning rate '0' is not a positive number, or -1 to stop"),
        ("0: -0.5\n", "s.txt:1: learning rate '-0.5' is not a positive number, or -1 to stop"),
        ("0: 0.1\n10: 0.01\n10: 0.001\n", "s.txt:3: epoch 10 does not come after the previous line's epoch 10"),
        ("\n5: 0.1\n", "s.txt:2: the first line must be for epoch 0, found epoch 5"),
        ("# nothing\n\n", "s.txt: no 'epoch: learning rate' lines"),
        ("0: 0.1\n1: 0.1\u{1B}[31m\n", "s.txt:2: learning rate '0.1\\u{1B}[31m' is not a positive number, or -1 to stop"),
    ])
    func errorsNameTheFileAndLine(text: String, message: String) {
        do {
            _ = try LearningRateSchedule(parsing: text, source: "s.txt")
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func readsAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lr-schedule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("schedule.txt").path
        try "0: 0.05\n3: -1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let schedule = try LearningRateSchedule(contentsOfFile: path)
        #expect(schedule.decision(forEpoch: 2) == .train(learningRate: 0.05))
        #expect(schedule.decision(forEpoch: 3) == .stop)

        let missing = directory.appendingPathComponent("missing.txt").path
        #expect(throws: LearningRateScheduleError.fileNotFound(path: missing)) {
            try LearningRateSchedule(contentsOfFile: missing)
        }
        do {
            _ = try LearningRateSchedule(contentsOfFile: directory.path)
            Issue.record("a directory was read as a schedule")
        } catch {
            #expect(error.description.hasPrefix("\(directory.path): cannot be read ("))
        }
    }
}
