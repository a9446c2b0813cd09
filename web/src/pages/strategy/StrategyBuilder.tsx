export function StrategyBuilder() { return <p>StrategyBuilder</p>; }
