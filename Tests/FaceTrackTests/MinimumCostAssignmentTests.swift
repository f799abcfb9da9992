import FaceTrack
import Testing

@Suite struct MinimumCostAssignmentTests {
    /// The smallest total cost over every way of giving each row of the smaller side a distinct partner.
    static func bruteForceMinimum(_ costs: [[Double]]) -> Double {
        let rowCount = costs.count
        let columnCount = costs.first?.count ?? 0
        if rowCount > columnCount {
            let transposed = (0..<columnCount).map { column in costs.map { $0[column] } }
            return bruteForceMinimum(transposed)
        }
        var best = Double.infinity
        var used = [Bool](repeating: false, count: columnCount)
        func extend(row: Int, total: Double) {
            guard row < rowCount else {
                best = min(best, total)
                return
            }
            for column in 0..<columnCount where !used[column] {
                used[column] = true
                extend(row: row + 1, total: total + costs[row][column])
                used[column] = false
            }
        }
        extend(row: 0, total: 0)
        return best
    }

    /// Checks the shape of an assignment and returns its total cost.
    static func totalCost(of assignment: [Int?], _ costs: [[Double]]) -> Double {
        let columnCount = costs.first?.count ?? 0
        let columns = assignment.compactMap { $0 }
        #expect(assignment.count == costs.count)
        #expect(columns.count == min(costs.count, columnCount))
        #expect(Set(columns).count == columns.count)
        #expect(columns.allSatisfy { (0..<columnCount).contains($0) })
        return zip(costs, assignment).reduce(0) { total, pair in
            guard let column = pair.1 else { return total }
            return total + pair.0[column]
        }
    }

    /// 4 1 3 / 2 0 5 / 3 2 2: the only assignment costing 5 is 1, 0, 2 (1 + 2 + 2); the diagonal costs 6.
    @Test func handWorkedSquareMatrix() {
        let costs: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        #expect(minimumCostAssignment(costs) == [1, 0, 2])
    }

    @Test(arguments: [(1, 1), (1, 4), (4, 1), (2, 2), (2, 5), (5, 2), (3, 3), (3, 5), (5, 3), (4, 4), (5, 5), (6, 4)])
    func matchesBruteForceOnRandomMatrices(rows: Int, columns: Int) {
        var generator = SeededGenerator(seed: UInt64(rows * 31 + columns))
        for trial in 0..<40 {
            let costs = (0..<rows).map { _ in
                (0..<columns).map { _ in
                    trial.isMultiple(of: 2)
                        ? Double.random(in: -5...10, using: &generator)
                        : Double(Int.random(in: 0...3, using: &generator))
                }
            }
            let assignment = minimumCostAssignment(costs)
            let total = Self.totalCost(of: assignment, costs)
            #expect(abs(total - Self.bruteForceMinimum(costs)) < 1e-9, "costs \(costs) assignment \(assignment)")
        }
    }

    @Test func emptyMatrices() {
        #expect(minimumCostAssignment([]) == [])
        #expect(minimumCostAssignment([[], []]) == [nil, nil])
    }

    /// With more rows than columns, the cheapest rows get the columns and the others none.
    @Test func tallMatrixLeavesRowsUnassigned() {
        let costs: [[Double]] = [[9], [1], [5]]
        #expect(minimumCostAssignment(costs) == [nil, 0, nil])
    }
}
