//! The tower [`Layer`] and [`Service`]: verify, then call the route with
//! the verified token in the request's extensions, or answer the refusal.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Method, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::auth::Config;
use crate::{BearerAuth, VerifiedToken};

impl<S> Layer<S> for BearerAuth {
    type Service = BearerService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        BearerService { inner, config: Arc::clone(&self.config) }
    }
}

/// The service [`BearerAuth`] wraps a route in.
#[derive(Clone)]
pub struct BearerService<S> {
    inner: S,
    config: Arc<Config>,
}

/// The mark the layer leaves on every request it lets through (with a
/// verified token, without credentials under optional authentication, or a
/// CORS preflight), so that an extractor refusing the request answers as
/// the layer would: its realm and its body. An extractor that finds no mark
/// is on a route the layer does not protect.
#[derive(Clone)]
pub(crate) struct Guarded(pub(crate) Arc<Config>);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for BearerService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    ReqBody: Send + 'static,
    ResBody: From<Bytes>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let config = Arc::clone(&self.config);
        // The clone that was made ready is the one called (tower's rule).
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        Box::pin(async move {
            // A token an outer layer verified is not this layer's verdict.
            request.extensions_mut().remove::<VerifiedToken>();
            if !(config.cors_preflight && is_preflight(&request)) {
                match config.authenticate(request.headers(), request.uri()).await {
                    Ok(Some(token)) => {
                        request.extensions_mut().insert(token);
                    }
                    Ok(None) => {}
                    Err(rejection) => return Ok(rejection.response(&config.realm, &*config.body)),
                }
            }
            request.extensions_mut().insert(Guarded(Arc::clone(&config)));
            inner.call(request).await
        })
    }
}

fn is_preflight<B>(request: &Request<B>) -> bool {
    request.method() == Method::OPTIONS && request.headers().contains_key(http::header::ACCESS_CONTROL_REQUEST_METHOD)
}
