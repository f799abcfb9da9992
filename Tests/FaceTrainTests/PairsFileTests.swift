import FaceTrain
import Foundation
import Testing

@Suite struct PairsFileTests {
    private func parse(_ text: String, folds: Int = 1) throws(PairsFileError) -> PairsFile {
        try PairsFile(parsing: text, source: "pairs.txt", imageDirectory: "/lfw", foldsWithoutHeader: folds)
    }

    @Test func headerDefinesTheFolds() throws {
        let text = "2\t1\nAnn\t1\t2\nBob\t3\tCid\t12\nDee 2 10\r\nEve 1 Fay 1234\n\n"
        let file = try parse(text)
        #expect(file.hasHeader && file.foldCount == 2)
        #expect(file.pairs == [
            FacePair(pathA: "/lfw/Ann/Ann_0001.jpg", pathB: "/lfw/Ann/Ann_0002.jpg", isSame: true, fold: 0, line: 2),
            FacePair(pathA: "/lfw/Bob/Bob_0003.jpg", pathB: "/lfw/Cid/Cid_0012.jpg", isSame: false, fold: 0, line: 3),
            FacePair(pathA: "/lfw/Dee/Dee_0002.jpg", pathB: "/lfw/Dee/Dee_0010.jpg", isSame: true, fold: 1, line: 4),
            FacePair(pathA: "/lfw/Eve/Eve_0001.jpg", pathB: "/lfw/Fay/Fay_1234.jpg", isSame: false, fold: 1, line: 5),
        ])
    }

    /// Without a header, folds run by order within each kind: same pairs 0 0 1 1 2 2 (6 into 3), different 0 1 2.
    @Test func withoutHeaderFoldsFollowOrderWithinEachKind() throws {
        let same = (1...6).map { "P\($0) 1 2" }, different = (1...3).map { "P\($0) 1 Q\($0) 1" }
        let file = try parse((same + different).joined(separator: "\n"), folds: 3)
        #expect(!file.hasHeader && file.foldCount == 3)
        #expect(file.pairs.map(\.isSame) == Array(repeating: true, count: 6) + Array(repeating: false, count: 3))
        #expect(file.pairs.map(\.fold) == [0, 0, 1, 1, 2, 2, 0, 1, 2])
        #expect(try parse(same.joined(separator: "\n")).pairs.allSatisfy { $0.fold == 0 })
    }

    @Test func imagePathsArePaddedToFourDigits() {
        #expect(PairsFile.imagePath(directory: "d/", name: "A_B", number: 7) == "d/A_B/A_B_0007.jpg")
        #expect(PairsFile.imagePath(directory: "d", name: "A", number: 12345) == "d/A/A_12345.jpg")
    }

    @Test(arguments: [
        ("2 1\nAnn 1 2\nBob 1\n", "pairs.txt:3: expected 'name i j' or 'name1 i name2 j', found 2 fields"),
        ("Ann 1 two\n", "pairs.txt:1: picture number 'two' is not a positive whole number"),
        ("\nAnn 0 1\n", "pairs.txt:2: picture number '0' is not a positive whole number"),
        ("Ann 1 2\n../etc 1 Bob 2\n", "pairs.txt:2: name '../etc' cannot be a folder name"),
        ("0 300\nAnn 1 2\n", "pairs.txt:1: header '0 300' must be two positive whole numbers: folds and pairs of each kind per fold"),
        ("1 2\nAnn 1 2\nBob 1 Cid 2\nDee 1 Eve 1\nFay 1 Gus 1\n",
         "pairs.txt:3: fold 1 expects a same-person pair 'name i j' here, found a different-person pair"),
        ("2 1\nAnn 1 2\nBob 1 Cid 2\nDee 1 2\n", "pairs.txt: header promises 2 folds × 2 × 1 = 4 pairs, found 3"),
        ("10 300\n", "pairs.txt: no pairs in the file"),
        ("Ann 1 2\nBob 1 Cid 2\n", "pairs.txt: cannot split 1 same-person and 1 different-person pairs into 2 folds"),
    ])
    func malformedFilesAreRefusedWithTheirLine(text: String, message: String) {
        let error = #expect(throws: PairsFileError.self) {
            try parse(text, folds: message.contains("into 2 folds") ? 2 : 1)
        }
        #expect(error?.description == message)
    }

    @Test func missingAndUnreadableFiles() throws {
        let missing = "/nonexistent/pairs.txt"
        #expect(throws: PairsFileError.fileNotFound(path: missing)) {
            try PairsFile(contentsOf: missing, imageDirectory: "/lfw")
        }
        let directory = NSTemporaryDirectory()
        #expect(throws: PairsFileError.unreadable(path: directory, reason: "it is a directory")) {
            try PairsFile(contentsOf: directory, imageDirectory: "/lfw")
        }
        #expect(PairsFileError.fileNotFound(path: "a\nb.txt").description == "a\\nb.txt: no such file")
    }

    @Test(.enabled(if: SharedData.hasLFW, "needs ../shared/data/lfw"))
    func readsTheLFWViewTwoProtocol() throws {
        let file = try PairsFile(contentsOf: SharedData.lfw + "/pairs.txt", imageDirectory: SharedData.lfwImages)
        #expect(file.hasHeader && file.foldCount == 10 && file.pairs.count == 6_000)
        for fold in 0..<10 {
            let pairs = file.pairs.filter { $0.fold == fold }
            #expect(pairs.count(where: \.isSame) == 300 && pairs.count(where: { !$0.isSame }) == 300)
        }
        #expect(file.pairs[0].pathA == SharedData.lfwImages + "/Abel_Pacheco/Abel_Pacheco_0001.jpg")
        #expect(file.pairs.prefix(50).allSatisfy {
            FileManager.default.fileExists(atPath: $0.pathA) && FileManager.default.fileExists(atPath: $0.pathB)
        })
    }

    @Test(.enabled(if: SharedData.hasLFW, "needs ../shared/data/lfw"))
    func readsTheLFWViewOneFilesWithoutHeader() throws {
        let train = try PairsFile(contentsOf: SharedData.lfw + "/pairsDevTrain.txt", imageDirectory: SharedData.lfwImages,
                                  foldsWithoutHeader: 10)
        #expect(!train.hasHeader && train.pairs.count == 2_200)
        for fold in 0..<10 {
            let pairs = train.pairs.filter { $0.fold == fold }
            #expect(pairs.count(where: \.isSame) == 110 && pairs.count(where: { !$0.isSame }) == 110)
        }
        let test = try PairsFile(contentsOf: SharedData.lfw + "/pairsDevTest.txt", imageDirectory: SharedData.lfwImages)
        #expect(test.pairs.count == 1_000 && test.pairs.count(where: \.isSame) == 500 && test.foldCount == 1)
    }
}
