use ketamine_dosing_reference::domain::calculator::{ignored_params_notice, CalculatorState};
#[test]
fn probe() {
    let ids: Vec<String> = (0..50_000).rev().map(|i| format!("x{i:05}")).collect();
    let q = format!("protocol=crps-4h&off={}", ids.join(","));
    let t = std::time::Instant::now();
    let s = CalculatorState::from_query(&q);
    eprintln!(
        "off: {} chars, {:?}, {} ids",
        q.len(),
        t.elapsed(),
        s.scenarios[0].off.len()
    );
    let names: Vec<String> = (0..30_000).map(|i| format!("u{i}=1")).collect();
    let q = names.join("&");
    let t = std::time::Instant::now();
    let n = ignored_params_notice(&q);
    eprintln!(
        "names: {} chars, {:?} {}",
        q.len(),
        t.elapsed(),
        n.unwrap().len()
    );
}
