use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use anyhow::Context;

use super::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8765)]
    pub port: u16,
    /// Address to bind. The default keeps the server on this machine.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Read-only store connections serving requests.
    #[arg(long)]
    pub connections: Option<usize>,
    /// Seconds a request may run before it is cancelled.
    #[arg(long, default_value_t = 5)]
    pub timeout: u64,
    /// Most statements answered from memory (about 800 bytes each); a larger store is
    /// queried with SQL. 0 keeps statement queries on SQL.
    #[arg(long)]
    pub index_max_statements: Option<usize>,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    // Opening read-write once migrates an older store; the server itself only reads.
    drop(global.open_existing_store()?);
    let path = global.store_path()?;
    let mut cfg = verbatim_server::Config::new(path.clone());
    if let Some(n) = args.connections {
        cfg.connections = n.max(1);
    }
    cfg.timeout = std::time::Duration::from_secs(args.timeout.max(1));
    if let Some(n) = args.index_max_statements {
        cfg.index_max_statements = n;
    }
    let addr = SocketAddr::new(args.bind, args.port);
    verbatim_server::run_blocking(cfg, addr, |bound| {
        let host = match bound.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        println!("verbatim: serving http://{host}:{}/", bound.port());
        eprintln!("verbatim: store {}; Ctrl-C stops", path.display());
    })
    .with_context(|| format!("serving on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}
