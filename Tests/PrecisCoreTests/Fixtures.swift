/// Articles written for Precis's tests.
enum Fixtures {
    /// A news story in the inverted pyramid: the news first, background after, a quote, a wrap-up.
    static let harbourBridge = """
        City council approves new harbour bridge after decade of debate

        The city council voted 9 to 2 on Tuesday to build a new bridge across the harbour, ending more than ten years of argument over how to connect the northern suburbs to the centre.

        The bridge will cost an estimated $480 million and is expected to open in 2031, the council said. Construction is scheduled to begin next spring, once the final environmental permits are issued.

        Mayor Elena Ruiz called the vote a turning point for commuters. "For a decade, people in the north have spent an hour in traffic to travel four miles," she said. "This bridge gives them that hour back."

        Two council members voted against the plan, arguing that the money would be better spent on buses and ferries. Councillor Tom Baxter said the estimate was too optimistic and warned that costs would rise.

        The harbour bridge was first proposed in 2014. Earlier designs were rejected because they would have blocked shipping lanes used by the port, which employs about 3,000 people.

        The new design raises the bridge deck to 60 metres, high enough for container ships to pass beneath it. Engineers say the bridge will carry four lanes of traffic, a light-rail line and a protected cycle path.

        Business groups welcomed the decision. The chamber of commerce said the bridge would bring shoppers and investment to the centre and ease pressure on the old tunnel, which is nearly at capacity.

        Residents near the planned northern landing have raised concerns about noise and construction traffic. The council promised to hold public meetings before work begins.

        The vote caps a long and often bitter debate that divided the city. Whatever happens next, it is clear that the harbour will never look quite the same again.
        """

    /// The same kind of story in Russian.
    static let russianStory = """
        Городской совет утвердил строительство нового моста через гавань. Решение было принято во вторник девятью голосами против двух.

        Стоимость моста оценивается в 480 млн долл. Открыть его планируется в 2031 г., сообщили в совете. Строительство начнётся весной, после получения всех экологических разрешений.

        Мэр города Елена Руис назвала голосование поворотным моментом для жителей северных районов. «Десять лет люди тратили час на дорогу в центр», — сказала она.

        Два депутата проголосовали против, заявив, что деньги лучше потратить на автобусы и паромы. По их словам, смета занижена.

        Проект моста впервые предложили в 2014 г. Прежние варианты отклонили, потому что они перекрывали бы судоходные пути порта.
        """
}

/// A fixed-seed generator for the tests that draw random texts and bytes, so that each run tries the same
/// cases: xorshift64 (Marsaglia 2003, "Xorshift RNGs"), whose next value is its new state.
struct Xorshift64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// The next value reduced modulo `bound`.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
