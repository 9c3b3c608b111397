import Foundation
import XCTest
@testable import LeptonData

final class TabularCSVTests: XCTestCase {
    let csv = """
        date,a,b,y,label
        2020/01/01,1.0,10,3.5,x
        2020/01/02,2.0,20,4.5,y
        2020/01/03,3.0,10,5.5,x
        2020/01/04,4.0,20,6.5,y

        """

    func testReadsNamedColumnsInOrder() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["b", "a"], target: "y", orderBy: "date")
        XCTAssertEqual(t.count, 4)
        XCTAssertEqual(t.featureNames, ["b", "a"])
        XCTAssertEqual(Array(t.row(1)), [20, 2])
        XCTAssertEqual(t.targets, [3.5, 4.5, 5.5, 6.5])
        XCTAssertEqual(t.keys.first, "2020/01/01")
    }

    func testRefusesMissingValuesWithLineAndColumn() {
        let bad = csv.replacingOccurrences(of: "3.0,10,5.5", with: "3.0,NA,5.5")
        XCTAssertThrowsError(try TabularCSV.parse(bad, path: "t.csv", features: ["a", "b"], target: "y")) { error in
            XCTAssertEqual(error as? TabularDataError, .missingValue(path: "t.csv", line: 4, column: "b", text: "NA"))
            XCTAssertTrue("\(error)".contains("t.csv:4"))
        }
        let empty = csv.replacingOccurrences(of: "4.0,20,6.5", with: "4.0,20,")
        XCTAssertThrowsError(try TabularCSV.parse(empty, path: "t.csv", features: ["a"], target: "y")) {
            XCTAssertEqual($0 as? TabularDataError, .missingValue(path: "t.csv", line: 5, column: "y", text: ""))
        }
    }

    func testNamesUnknownColumnsAndNonNumbers() {
        XCTAssertThrowsError(try TabularCSV.parse(csv, path: "t.csv", features: ["c"], target: "y")) {
            XCTAssertTrue("\($0)".contains("no column 'c'"))
            XCTAssertTrue("\($0)".contains("'label'"))
        }
        XCTAssertThrowsError(try TabularCSV.parse(csv, path: "t.csv", features: ["label"], target: "y")) {
            XCTAssertEqual($0 as? TabularDataError, .notANumber(path: "t.csv", line: 2, column: "label", text: "x"))
        }
    }

    func testTimeOrderedSplitKeepsThePastForTraining() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["a"], target: "y", orderBy: "date")
        let (train, test) = try t.timeOrderedSplit(trainFraction: 0.75)
        XCTAssertEqual(train.keys, ["2020/01/01", "2020/01/02", "2020/01/03"])
        XCTAssertEqual(test.keys, ["2020/01/04"])
        XCTAssertThrowsError(try t.timeOrderedSplit(trainFraction: 1))
        let shuffled = csv.replacingOccurrences(of: "2020/01/03", with: "2019/12/31")
        XCTAssertThrowsError(try TabularCSV.parse(shuffled, path: "t.csv", features: ["a"], target: "y", orderBy: "date")) {
            XCTAssertTrue("\($0)".contains("t.csv:4"))
        }
    }

    func testStandardiserUsesTrainingStatisticsOnly() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["a", "b"], target: "y", orderBy: "date")
        let (train, test) = try t.timeOrderedSplit(trainFraction: 0.5)
        let s = try Standardizer(fittedOn: train)
        XCTAssertEqual(s.means, [1.5, 15])
        XCTAssertEqual(s.deviations, [0.5, 5])
        let z = try s.apply(test)
        XCTAssertEqual(z.features, [3, -1, 5, 1])   // (3 − 1.5)/0.5, (10 − 15)/5, …
        XCTAssertEqual(z.targets, test.targets)
        let constant = try TabularCSV.parse(csv, path: "t.csv", features: ["b"], target: "y").subset([0, 2])
        XCTAssertThrowsError(try Standardizer(fittedOn: constant)) { XCTAssertTrue("\($0)".contains("'b' is constant")) }
    }

    /// The catalogued Seattle weather file: checksum verified, 1461 days in time order, no
    /// missing values in the chosen columns.
    func testCataloguedSeattleWeatherLoads() throws {
        let catalogue = try TabularCatalogue()
        let (data, d) = try catalogue.load(name: "seattle-weather")
        XCTAssertEqual(data.count, 1461)
        XCTAssertEqual(data.featureNames, ["precipitation", "temp_min", "wind"])
        XCTAssertEqual(data.keys.first, "2012/01/01")
        XCTAssertEqual(data.keys.last, "2015/12/31")
        let (train, test) = try data.timeOrderedSplit(trainFraction: d.trainFraction)
        XCTAssertEqual(train.count + test.count, 1461)
        XCTAssertLessThan(train.keys.last ?? "", test.keys.first ?? "")
        XCTAssertThrowsError(try catalogue.load(name: "nope")) { XCTAssertTrue("\($0)".contains("seattle-weather")) }
    }
}
