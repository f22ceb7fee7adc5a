extension Array {
    /// `count` copies of `value`, as `init(repeating:count:)` makes them, through code that the compiler
    /// specialises for the element type.
    ///
    /// `init(repeating:count:)` allocates through a standard library function that is not inlined
    /// (`_allocateBufferUninitialized`) and looks the element type's storage class up at run time: several
    /// hundred instructions an array, where this path reads it from a cache. But the optimiser knows an
    /// array from `init(repeating:count:)` to be unique and one from here not, so it checks each write to
    /// this one that a loop makes through a subscript: on `cnndm-dev`, such arrays cost more made here.
    @inline(__always)
    init(filled value: Element, count: Int) {
        self.init(repeatElement(value, count: count))
    }
}
