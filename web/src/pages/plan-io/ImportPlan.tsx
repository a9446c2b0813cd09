export function ImportPlan() { return <p>ImportPlan</p>; }
